-- Only the cells of published tables: a held-back table takes its cells with it (its grid is what failed),
-- and the table's own filter already keeps out documents no longer in raw/.
select cells.*
from {{ ref('stg_extract__table_cells') }} as cells
where exists (
    select 1
    from {{ ref('tables') }} as tabs
    where tabs.document_id = cells.document_id and tabs.table_id = cells.table_id
)
  and {{ not_held_back('table_cells', 'cells', 'cell_id') }}
