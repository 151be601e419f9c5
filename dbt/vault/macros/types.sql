{#- Engine differences in types and timestamps. Models call these, never a cast that differs by engine. -#}

{#- The load timestamp comes from the ingestion batch (`_load_ts`), never from current_timestamp, so one load
    carries one timestamp through the whole vault. Athena's Iceberg tables store microseconds. -#}
{% macro load_timestamp(expression) -%}
{{ return(adapter.dispatch('load_timestamp', 'northwind_vault')(expression)) }}
{%- endmacro %}

{% macro default__load_timestamp(expression) -%}
cast({{ expression }} as timestamp)
{%- endmacro %}

{#- Trino's Iceberg tables store microseconds too; a plain `timestamp` there is timestamp(3) (milliseconds), which
    would round the load timestamps and make them differ from DuckDB's. -#}
{% macro trino__load_timestamp(expression) -%}
cast({{ expression }} as timestamp(6))
{%- endmacro %}

{% macro athena__load_timestamp(expression) -%}
{{ northwind_vault.trino__load_timestamp(expression) }}
{%- endmacro %}

{#- REAL columns (prices, discounts, freight) become a fixed decimal, so hashdiffs see a fixed text and money
    adds up exactly. decimal(18,4) renders the same text ('0.1500') on DuckDB and Trino. -#}
{% macro fixed_decimal(expression) -%}
cast({{ expression }} as decimal(18, 4))
{%- endmacro %}

{% macro string_type() -%}
{{ return(adapter.dispatch('string_type', 'northwind_vault')()) }}
{%- endmacro %}

{% macro default__string_type() -%}
varchar
{%- endmacro %}

{#- The earliest timestamp, used when an incremental table is still empty. -#}
{% macro epoch_timestamp() -%}
{{ northwind_vault.load_timestamp("'1900-01-01 00:00:00'") }}
{%- endmacro %}
