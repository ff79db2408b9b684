-- One row per paper: what paperflow found in it.
with counts as (
    select document_id, 'statistics' as entity, count(*) as n from {{ ref('statistics') }} group by all
    union all
    select document_id, 'policies', count(distinct policy_id) from {{ ref('policy_mentions') }} group by all
    union all
    select document_id, 'policy_mentions', count(*) from {{ ref('policy_mentions') }} group by all
    union all
    select document_id, 'recommendations', count(*) from {{ ref('recommendations') }} group by all
    union all
    select document_id, 'references', count(*) from {{ ref('references') }} group by all
    union all
    select document_id, 'paragraphs', count(*) from {{ ref('paragraphs') }} group by all
    union all
    select document_id, 'tables', count(*) from {{ ref('tables') }} group by all
)

select
    documents.document_id,
    documents.title,
    documents.language,
    documents.published_year,
    documents.page_count,
    coalesce(sum(n) filter (where entity = 'statistics'), 0) as statistic_count,
    coalesce(sum(n) filter (where entity = 'policies'), 0) as policy_count,
    coalesce(sum(n) filter (where entity = 'policy_mentions'), 0) as policy_mention_count,
    coalesce(sum(n) filter (where entity = 'recommendations'), 0) as recommendation_count,
    coalesce(sum(n) filter (where entity = 'references'), 0) as reference_count,
    coalesce(sum(n) filter (where entity = 'paragraphs'), 0) as paragraph_count,
    coalesce(sum(n) filter (where entity = 'tables'), 0) as table_count
from {{ ref('documents') }} as documents
left join counts using (document_id)
group by all
