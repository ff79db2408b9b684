select tabs.*
from {{ ref('stg_extract__tables') }} as tabs
where tabs.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('tables', 'tabs', 'table_id') }}
