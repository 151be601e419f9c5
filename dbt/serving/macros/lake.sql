{#-
  The lake schema's Iceberg tables: one per source table, pointing at the Glue table of the same name through
  the catalog integration and the external volume the Snowflake stack creates. Snowflake reads the Parquet
  files in place and refreshes from the catalog (AUTO_REFRESH), so nothing is copied. IF NOT EXISTS keeps
  every later run a no-op.
-#}
{% macro lake_object(kind) -%}
  {{ var('name_prefix') }}_{{ target.name | upper }}_{{ kind }}
{%- endmacro %}


{% macro glue_marts_database() -%}
  {{ var('glue_marts_database', var('name_prefix') | lower ~ '_' ~ target.name ~ '_marts') }}
{%- endmacro %}


{% macro lake_iceberg_table_statements() %}
  {%- set statements = [] -%}
  {%- for source in graph.sources.values() | selectattr('source_name', 'equalto', 'lake') | sort(attribute='name') -%}
    {%- do statements.append(
        "create iceberg table if not exists " ~ source.database ~ "." ~ source.schema ~ "." ~ source.identifier
        ~ " external_volume = '" ~ lake_object('EXTERNAL_VOLUME') ~ "'"
        ~ " catalog = '" ~ lake_object('GLUE_CATALOG') ~ "'"
        ~ " catalog_namespace = '" ~ glue_marts_database() ~ "'"
        ~ " catalog_table_name = '" ~ source.identifier ~ "'"
        ~ " auto_refresh = true") -%}
  {%- endfor -%}
  {{ return(statements) }}
{% endmacro %}


{#- on-run-start hook: returned as hook SQL (dbt-snowflake runs each statement), so compiling needs no connection. -#}
{% macro create_lake_iceberg_tables() -%}
  {%- set statements = lake_iceberg_table_statements() if execute else [] -%}
  {{- statements | join(";\n") if statements else "select 1 as no_lake_tables" -}}
{%- endmacro %}


{% macro print_lake_iceberg_table_statements() %}
  {%- for statement in lake_iceberg_table_statements() -%}
    {{ print(statement ~ ";") }}
  {%- endfor -%}
{% endmacro %}
