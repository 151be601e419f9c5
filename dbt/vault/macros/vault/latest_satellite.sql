{#- The current row of a satellite per parent key, as a derived table: marts read only these. With
    `changed_key` (a column of the satellite), an incremental current-state table ranks only the rows of its
    changed keys (macros/vault/current_layer.sql). -#}
{% macro latest_satellite(model, parent_key, changed_key=none) -%}
(
    select ranked.*
    from (
        select
            sat.*,
            row_number() over (partition by sat.{{ parent_key }} order by sat.load_ts desc) as recency
        from {{ ref(model) }} as sat
        {{- northwind_vault.among_changed_keys('sat', changed_key) }}
    ) as ranked
    where ranked.recency = 1
)
{%- endmacro %}

{#- The keys whose status-tracking satellite says they are in the source now (not deleted). -#}
{% macro active_keys(status_model, parent_key) -%}
(
    select status.{{ parent_key }}
    from {{ northwind_vault.latest_satellite(status_model, parent_key) }} as status
    where status.is_active
)
{%- endmacro %}
