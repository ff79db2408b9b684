-- Statistics grouped by normalised measure, unit and year across papers; a group whose values
-- disagree by more than 0.5% is flagged as conflicting. Text and table statistics share a group: a
-- table's figure disagreeing with the prose's is exactly the conflict to see, so `sources` says which.
with keyed as (
    select
        *,
        trim(regexp_replace(lower(measure), '[^a-z0-9\x{4e00}-\x{9fff}%]+', ' ', 'g')) as measure_key
    from {{ ref('statistics') }}
    where coalesce(measure, '') <> ''
)

select
    measure_key,
    unit,
    year,
    any_value(measure) as measure,
    count(*) as statistic_count,
    count(*) filter (where source = 'table') as table_statistic_count,
    list(distinct source order by source) as sources,
    count(distinct document_id) as paper_count,
    min(value) as min_value,
    max(value) as max_value,
    list(distinct value order by value) as values,
    max(value) > min(value) * 1.005 as is_conflicting,
    list(distinct document_id order by document_id) as document_ids,
    coalesce(list(distinct table_id order by table_id) filter (where table_id is not null), []) as table_ids
from keyed
group by measure_key, unit, year
