{#-
  The select list of a mart view: every documented column, read by its Iceberg (lower-case, case-sensitive)
  name and exposed under an unquoted, upper-case Snowflake name, so the tag statements and analysts' queries
  can name it without quotes. Before execution (parsing) the YAML is not attached yet: `*` stands in.
-#}
{% macro served_columns() -%}
  {%- set columns = model.columns.values() | list if execute else [] -%}
  {%- if columns -%}
    {%- for column in columns %}
    {{ adapter.quote(column.name | lower) }} as {{ column.name | lower }}{{ "," if not loop.last }}
    {%- endfor -%}
  {%- else -%}
    *
  {%- endif -%}
{%- endmacro %}
