-- Empty strings mean "none printed" in raw (the extractor's rows are never null there): null here, as in
-- the other staging models, so "has a caption" is `caption is not null`.
select
    document_id,
    table_id,
    page,
    page_end,
    x0,
    top,
    x1,
    bottom,
    nullif(caption, '') as caption,
    nullif(notes, '') as notes,
    n_rows,
    n_cols,
    header_rows,
    kind,
    nullif(unit, '') as unit,
    ruling
from {{ source('extract', 'tables') }}
