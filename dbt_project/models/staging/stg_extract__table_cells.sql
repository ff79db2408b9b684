-- text stays '' for an empty cell: the cell exists, its text is empty. A header path of '' means the
-- cell has no header on that side, which is null here.
select
    document_id,
    table_id,
    cell_id,
    row,
    col,
    text,
    nullif(row_header, '') as row_header,
    nullif(col_header, '') as col_header,
    is_header,
    number,
    stars,
    is_bracketed,
    page
from {{ source('extract', 'table_cells') }}
