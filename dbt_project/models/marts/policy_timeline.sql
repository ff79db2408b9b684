-- Policies by year, type and issuer: the year is the registry's issue year, else the earliest
-- year a paper gives for the policy; each issuer of a jointly issued policy gets its own row.
with mentioned as (
    select policy_id, min(year) as mentioned_year, count(*) as mention_count
    from {{ ref('policy_mentions') }}
    group by policy_id
),

dated as (
    select
        policies.policy_id,
        coalesce(policies.name_en, policies.name_zh) as policy_name,
        coalesce(policies.issued_year, mentioned.mentioned_year) as issued_year,
        coalesce(nullif(policies.policy_type, ''), 'unknown') as policy_type,
        unnest(
            case when coalesce(policies.issuers, '') = '' then ['unknown'] else string_split(policies.issuers, '|') end
        ) as issuer,
        mentioned.mention_count
    from {{ ref('dim_policies') }} as policies
    inner join mentioned using (policy_id)
)

select
    issued_year,
    policy_type,
    issuer,
    count(distinct policy_id) as policy_count,
    sum(mention_count) as mention_count,
    list(distinct policy_id order by policy_id) as policy_ids,
    list(distinct policy_name order by policy_name) as policy_names
from dated
group by issued_year, policy_type, issuer
