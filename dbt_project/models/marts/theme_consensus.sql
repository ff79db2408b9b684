-- Theme × paper matrix: which themes each paper recommends, and how many papers share each theme.
with grid as (
    select themes.theme, themes.label_en, themes.label_zh, documents.document_id, documents.title
    from {{ ref('themes') }} as themes
    cross join {{ ref('documents') }} as documents
),

counted as (
    select document_id, theme, count(*) as recommendation_count
    from {{ ref('recommendations') }}
    group by document_id, theme
)

select
    grid.theme,
    grid.label_en,
    grid.label_zh,
    grid.document_id,
    grid.title,
    coalesce(counted.recommendation_count, 0) as recommendation_count,
    coalesce(counted.recommendation_count, 0) > 0 as is_recommended,
    count(distinct counted.document_id) over (partition by grid.theme) as papers_sharing_theme
from grid
left join counted using (document_id, theme)
