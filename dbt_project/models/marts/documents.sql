-- Documents currently in raw/ (raw keeps the history of removed ones). A file present under
-- several names is one document: source_file is the first name, source_files all of them.
with current_files as (
    select
        document_id,
        min(source_file) as source_file,
        list(source_file order by source_file) as source_files
    from {{ ref('stg_extract__files') }}
    where is_loaded
    group by document_id
),

held_back as (
    select document_id, count(distinct (table_name, row_key)) as rows_held_back
    from {{ ref('stg_extract__held_back_rows') }}
    group by document_id
)

select
    documents.document_id,
    current_files.source_file,
    current_files.source_files,
    documents.sha256,
    documents.title,
    documents.authors,
    documents.affiliations,
    documents.language,
    documents.page_count,
    documents.abstract,
    documents.keywords,
    documents.doi,
    documents.journal,
    documents.published,
    documents.published_year,
    documents.document_kind,
    documents.issuers,
    documents.document_number,
    documents.issued_date,
    documents.effective_date,
    documents.jurisdiction,
    documents.is_ocr,
    documents.pages_skipped,
    documents.is_repaired,
    coalesce(held_back.rows_held_back, 0) as rows_held_back
from {{ ref('stg_extract__documents') }} as documents
inner join current_files using (document_id)
left join held_back using (document_id)
