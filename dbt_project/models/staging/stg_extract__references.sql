select
    document_id,
    number as reference_number,
    nullif(authors, '') as authors,
    nullif(title, '') as title,
    year as published_year,
    nullif(venue, '') as venue,
    raw_text
from {{ source('extract', 'references') }}
