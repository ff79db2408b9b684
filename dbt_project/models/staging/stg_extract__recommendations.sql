select * from {{ source('extract', 'recommendations') }}
