{#- The current row of a satellite per parent key, as a derived table: marts read only these. -#}
{% macro latest_satellite(model, parent_key) -%}
(
    select ranked.*
    from (
        select
            sat.*,
            row_number() over (partition by sat.{{ parent_key }} order by sat.load_ts desc) as recency
        from {{ ref(model) }} as sat
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
