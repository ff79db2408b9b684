select
    document_id,
    sha256,
    title,
    authors,
    affiliations,
    language,
    page_count,
    abstract,
    keywords,
    nullif(doi, '') as doi,
    nullif(journal, '') as journal,
    nullif(published, '') as published,
    year as published_year,
    text_source = 'ocr' as is_ocr,
    coalesce(pages_skipped, 0) as pages_skipped,
    coalesce(is_repaired, false) as is_repaired
from {{ source('extract', 'documents') }}
