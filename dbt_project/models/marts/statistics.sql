-- A statistic read from a table (source = 'table') goes with its table: when the table is held back,
-- its cells are not trusted, and neither are the figures read from them.
select stats.*
from {{ ref('stg_extract__statistics') }} as stats
where stats.document_id in (select document_id from {{ ref('documents') }})
  and {{ not_held_back('statistics', 'stats', 'statistic_id') }}
  and (
    stats.table_id is null
    or exists (
        select 1
        from {{ ref('tables') }} as tabs
        where tabs.document_id = stats.document_id and tabs.table_id = stats.table_id
    )
  )
