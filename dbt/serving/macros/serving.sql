{#-
  The select list of a mart view: every documented column, read by its Iceberg (lower-case, case-sensitive)
  name and exposed under an unquoted, upper-case Snowflake name, so the tag statements and analysts' queries
  can name it without quotes. Before execution (parsing) the YAML is not attached yet: `*` stands in.
  A governance problem stops the model here, before its view exists: the post-hook would fail only after
  the view had been created untagged (and readable through the reader's future grant).
-#}
{% macro served_columns() -%}
  {%- if execute -%}
    {%- set problems = column_governance_problems(model) -%}
    {%- if problems -%}
      {{ exceptions.raise_compiler_error("Column governance of " ~ model.name ~ ":\n  " ~ problems | join("\n  ")) }}
    {%- endif -%}
  {%- endif -%}
  {%- set columns = model.columns.values() | list if execute else [] -%}
  {%- if columns -%}
    {%- for column in columns %}
    {{ adapter.quote(column.name | lower) }} as {{ column.name | lower }}{{ "," if not loop.last }}
    {%- endfor -%}
  {%- else -%}
    *
  {%- endif -%}
{%- endmacro %}
