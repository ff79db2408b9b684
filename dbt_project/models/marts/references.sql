select refs.*
from {{ ref('stg_extract__references') }} as refs
where refs.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('references', 'refs', 'reference_number') }}
