select recs.*
from {{ ref('stg_extract__recommendations') }} as recs
where recs.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('recommendations', 'recs', 'recommendation_id') }}
