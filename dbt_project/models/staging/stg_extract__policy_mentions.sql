select * from {{ source('extract', 'policy_mentions') }}
