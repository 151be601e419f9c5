{#- Where each layer lands. On Athena the AWS stack creates one Glue database per layer (outputs
    catalog_database_raw/_vault/_marts): staging and the vault go to the target's database (the vault one),
    the marts to the marts database, which the Snowflake serving layer reads. Locally (DuckDB) the layers are
    schemas of one file: main, main_raw_vault, main_business_vault, main_marts (dbt's default naming). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
{{ return(adapter.dispatch('layer_schema_name', 'northwind_vault')(custom_schema_name, node)) }}
{%- endmacro %}

{% macro default__layer_schema_name(custom_schema_name, node) -%}
{{ return(default__generate_schema_name(custom_schema_name, node)) }}
{%- endmacro %}

{#- Trino: the same layout in the Iceberg catalog of the target (its `database`): the vault namespace
    (target.schema) and the marts namespace, beside the raw one. -#}
{% macro trino__layer_schema_name(custom_schema_name, node) -%}
{{ return(northwind_vault.athena__layer_schema_name(custom_schema_name, node)) }}
{%- endmacro %}

{% macro athena__layer_schema_name(custom_schema_name, node) -%}
{%- if custom_schema_name == 'marts' -%}
{{ return(var('marts_database')) }}
{%- else -%}
{{ return(target.schema) }}
{%- endif -%}
{%- endmacro %}
