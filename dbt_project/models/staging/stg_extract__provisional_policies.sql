select * from {{ source('extract', 'provisional_policies') }}
