-- Published as marts.policies (the seed `policies` holds the registry it starts from).
{{ config(alias='policies') }}

-- The registry seed plus a provisional row for every policy the papers name that it lacks.
with registry as (
    select
        policy_id,
        name_en,
        name_zh,
        aliases,
        issuers,
        issued_date,
        issued_year,
        effective_date,
        jurisdiction,
        policy_type,
        source,
        false as is_provisional
    from {{ ref('policies') }}
),

provisional as (
    select
        policy_id,
        any_value(name_en) as name_en,
        any_value(name_zh) as name_zh,
        string_agg(distinct nullif(aliases, ''), '|') as aliases,
        string_agg(distinct nullif(issuers, ''), '|') as issuers,
        min(nullif(issued_date, '')) as issued_date,
        min(issued_year) as issued_year,
        min(nullif(effective_date, '')) as effective_date,
        any_value(jurisdiction) as jurisdiction,
        any_value(policy_type) as policy_type,
        -- the first document that named it (provisional policies are read from the papers, not a list)
        min(source) as source,
        true as is_provisional
    from {{ ref('stg_extract__provisional_policies') }}
    where document_id in (select document_id from {{ ref('documents') }})
      and {{ not_held_back('provisional_policies', 'stg_extract__provisional_policies', 'policy_id') }}
      and policy_id not in (select policy_id from registry)
    group by policy_id
)

select * from registry
union all
select * from provisional
