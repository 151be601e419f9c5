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
{% macro newest_load(model, key, changed_key=none) -%}
(
    select
        history.{{ key }},
        max(history.load_ts) as load_ts
    from {{ ref(model) }} as history
    {{- northwind_vault.among_changed_keys('history', changed_key) }}
    group by history.{{ key }}
)
{%- endmacro %}

{#- Incremental current-state tables: a run recomputes only the keys whose state can have changed since the
    newest changed_ts already in the table, and merges them on the key. A key's row is recomputed from its whole
    history, so it equals what a full build gives; a key no new row names keeps the row it had, which a full
    build would give again. The bound is a literal (the table's newest changed_ts), so the scans of the
    satellites read only the files of newer batches (macros/vault/watermark.sql). -#}

{#- The keys named by a row newer than the table's newest changed_ts in any of `models` (each carries `key`
    and load_ts), as a query; `extra` adds a query of more keys. -#}
{% macro keys_changed_since_last_run(key, models, extra=none) -%}
{%- set watermark = northwind_vault.loaded_watermark('changed_ts') -%}
{%- for model_name in models %}
select newer.{{ key }} from {{ ref(model_name) }} as newer where newer.load_ts > {{ watermark }}
{%- if not loop.last %}
union{% endif %}
{%- endfor %}
{%- if extra %}
union
{{ extra }}
{%- endif %}
{%- endmacro %}

{#- `where <alias>.<key> in changed_keys` in an incremental run of a current-state table (its `changed_keys`
    CTE holds keys_changed_since_last_run), nothing in a full build or where no key is given. -#}
{% macro among_changed_keys(alias, key) -%}
{%- if key and is_incremental() %}
        where {{ alias }}.{{ key }} in (select changed_keys.{{ key }} from changed_keys)
{%- endif %}
{%- endmacro %}
