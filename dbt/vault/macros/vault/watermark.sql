{#- Incremental runs only read staged rows newer than the newest row already loaded, so a run with no new
    ingestion batch reads nothing, and a new batch is read once. -#}
{% macro new_rows_filter(load_ts='load_ts') -%}
{%- if is_incremental() -%}
{{ load_ts }} > (select coalesce(max(load_ts), {{ northwind_vault.epoch_timestamp() }}) from {{ this }})
{%- else -%}
1 = 1
{%- endif -%}
{%- endmacro %}
