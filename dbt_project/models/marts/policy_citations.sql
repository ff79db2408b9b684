-- Each cited policy with the papers that mention it, across languages.
select
    policies.policy_id,
    policies.name_en,
    policies.name_zh,
    policies.is_provisional,
    count(*) as mention_count,
    count(distinct mentions.document_id) as paper_count,
    list(distinct documents.language order by documents.language) as languages,
    count(distinct documents.language) > 1 as is_cited_across_languages,
    list(distinct documents.document_id order by documents.document_id) as document_ids,
    list(distinct documents.title order by documents.title) as paper_titles
from {{ ref('policy_mentions') }} as mentions
inner join {{ ref('dim_policies') }} as policies using (policy_id)
inner join {{ ref('documents') }} as documents using (document_id)
group by all
