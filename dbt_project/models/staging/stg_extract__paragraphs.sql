select
    document_id,
    paragraph_id,
    seq as reading_order,
    page,
    kind,
    nullif(section, '') as section,
    level as heading_level,
    language,
    text,
    nullif(citations, '') as citations,
    x0,
    top,
    x1,
    bottom
from {{ source('extract', 'paragraphs') }}
