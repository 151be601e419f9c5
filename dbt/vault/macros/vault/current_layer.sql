{#- Helpers of the current-state layer (models/business_vault/current/). -#}

{#- `changed_ts` of a current-state row: the newest of the load timestamps of everything the row shows. A part
    without a row (no manager, no shipper) counts as the epoch, so the result is never null on either engine
    (Trino's greatest is null when any argument is). -#}
{% macro newest_of(load_timestamps) -%}
greatest(
    {%- for expression in load_timestamps %}
    coalesce({{ expression }}, {{ northwind_vault.epoch_timestamp() }}){% if not loop.last %},{% endif %}
    {%- endfor %}
)
{%- endmacro %}

{#- Per key, the load timestamp of its newest row in a satellite (status or effectivity included), as a derived
    table: when what the satellite says about the key last changed, ended relationships included. -#}
{% macro newest_load(model, key) -%}
(
    select
        history.{{ key }},
        max(history.load_ts) as load_ts
    from {{ ref(model) }} as history
    group by history.{{ key }}
)
{%- endmacro %}
