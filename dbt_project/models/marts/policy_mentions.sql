select mentions.*
from {{ ref('stg_extract__policy_mentions') }} as mentions
where mentions.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('policy_mentions', 'mentions', 'mention_id') }}
