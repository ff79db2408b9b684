select * from {{ source('extract', 'statistics') }}
