"""The SQL behind each section of the HTML report, all on the marts and ops schemas."""

DOCUMENTS_SQL = """
SELECT d.document_id, d.title, d.authors, d.language, d.page_count, d.published_year, d.journal,
       d.source_file, p.paragraph_count, p.statistic_count, p.policy_count, p.policy_mention_count,
       p.recommendation_count, p.reference_count, p.table_count
FROM marts.documents d LEFT JOIN marts.paper_profiles p USING (document_id)
ORDER BY d.published_year, d.title
"""
POLICIES_SQL = """
SELECT p.policy_id, p.name_en, p.name_zh, p.issued_year, p.policy_type, p.jurisdiction,
       coalesce(c.mention_count, 0) AS mentions, coalesce(c.paper_count, 0) AS papers
FROM marts.policies p LEFT JOIN marts.policy_citations c USING (policy_id)
ORDER BY p.issued_year, p.policy_type, p.policy_id
"""
TIMELINE_SQL = """
SELECT issued_year, policy_type, list(DISTINCT name ORDER BY name) AS policies,
       string_agg(DISTINCT issuer, '; ' ORDER BY issuer) AS issuers
FROM (SELECT issued_year, policy_type, issuer, unnest(policy_names) AS name FROM marts.policy_timeline)
GROUP BY ALL ORDER BY issued_year NULLS LAST, policy_type
"""
CITATIONS_SQL = """
SELECT policy_id, name_en, name_zh, mention_count, paper_count, languages, is_cited_across_languages,
       paper_titles
FROM marts.policy_citations
ORDER BY is_cited_across_languages DESC, paper_count DESC, mention_count DESC, name_en
"""
MENTIONS_BY_LANGUAGE_SQL = """
SELECT m.policy_id, coalesce(p.name_en, m.policy_id) AS name_en, p.name_zh, d.language,
       count(*) AS mentions, count(DISTINCT m.document_id) AS papers,
       coalesce(c.is_cited_across_languages, false) AS cross_language
FROM marts.policy_mentions m
JOIN marts.documents d USING (document_id)
LEFT JOIN marts.policies p USING (policy_id)
LEFT JOIN marts.policy_citations c USING (policy_id)
GROUP BY ALL ORDER BY m.policy_id, d.language
"""
THEMES_SQL = """
SELECT t.theme, t.label_en || ' · ' || t.label_zh AS theme_label, t.document_id, t.title,
       t.recommendation_count, t.papers_sharing_theme
FROM marts.theme_consensus t ORDER BY t.theme, t.document_id
"""
STATISTICS_SQL = """
SELECT s.statistic_id, s.document_id, s.measure, s.subject, s.value, s.unit, s.qualifier, s.is_change,
       s.year, s.raw_text, s.sentence, s.page, s.source, s.table_id, d.source_file
FROM marts.statistics s JOIN marts.documents d USING (document_id)
ORDER BY d.published_year, d.title, s.page, s.statistic_id
"""
LATEST_VALIDATED_RUN_SQL = """
SELECT v.run_id FROM ops.validation_results v LEFT JOIN ops.pipeline_runs r USING (run_id)
ORDER BY r.started_at DESC NULLS LAST, v.run_id DESC LIMIT 1
"""
VALIDATION_SQL = """
SELECT suite_name, severity, count(*) FILTER (WHERE success) AS passed,
       count(*) FILTER (WHERE NOT success) AS failed
FROM ops.validation_results WHERE run_id = ? GROUP BY ALL ORDER BY suite_name, severity
"""
FAILED_EXPECTATIONS_SQL = """
SELECT suite_name, expectation, "column", severity, unexpected_count, unexpected_values
FROM ops.validation_results WHERE run_id = ? AND NOT success ORDER BY severity, suite_name
"""
QUARANTINE_EXISTS_SQL = """
SELECT 1 FROM information_schema.tables WHERE table_schema = 'ops' AND table_name = 'quarantine'
"""
QUARANTINE_SQL = """SELECT * FROM ops.quarantine WHERE run_id = ? ORDER BY ALL"""
DBT_SQL = """
SELECT resource_type, status, count(*) AS nodes FROM ops.dbt_results WHERE run_id = ?
GROUP BY ALL ORDER BY resource_type, status
"""
RUNS_SQL = """
SELECT run_id, status, started_at, finished_at, documents_seen, documents_processed, documents_skipped,
       documents_failed, extractor_version, message
FROM ops.pipeline_runs ORDER BY started_at DESC LIMIT 10
"""
ERRORS_SQL = """
SELECT e.run_id, e.source_file, e.error_kind, e.message
FROM ops.document_errors e LEFT JOIN ops.pipeline_runs r USING (run_id)
WHERE e.error_kind <> 'failed_validation'  -- quarantined: listed once, in the validation section
ORDER BY r.started_at DESC NULLS LAST, e.source_file LIMIT 50
"""
TABLES_SQL = """
SELECT t.document_id, t.table_id, t.caption, t.notes, t.page, t.page_end, t.n_rows, t.n_cols, t.header_rows,
       t.kind, t.unit, t.ruling, d.source_file
FROM marts.tables t JOIN marts.documents d USING (document_id)
ORDER BY d.published_year, d.title, t.table_id
"""
TABLE_CELLS_SQL = """
SELECT table_id, "row", col, text, is_header, number
FROM marts.table_cells ORDER BY table_id, "row", col
"""
