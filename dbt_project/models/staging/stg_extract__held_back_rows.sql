select
    document_id,
    table_name,
    row_key,
    suite as suite_name,
    expectation,
    "column" as column_name,
    value
from {{ source('extract', 'held_back_rows') }}
