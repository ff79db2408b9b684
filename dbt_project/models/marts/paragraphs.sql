select paragraphs.*
from {{ ref('stg_extract__paragraphs') }} as paragraphs
where paragraphs.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('paragraphs', 'paragraphs', 'paragraph_id') }}
