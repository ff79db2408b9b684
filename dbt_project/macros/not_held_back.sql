{#- A row of a side table that no critical row expectation held back in this build (raw.held_back_rows):
    held-back rows stay in raw and staging, the marts leave them out. -#}
{% macro not_held_back(table_name, alias, key) %}
not exists (
    select 1
    from {{ ref('stg_extract__held_back_rows') }} as held
    where held.table_name = '{{ table_name }}'
      and held.document_id = {{ alias }}.document_id
      and held.row_key = cast({{ alias }}.{{ key }} as varchar)
)
{% endmacro %}
