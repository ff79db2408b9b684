select stats.*
from {{ ref('stg_extract__statistics') }} as stats
where stats.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('statistics', 'stats', 'statistic_id') }}
