{#-
  Column governance: the `pii` and `sensitivity` keys of a column's `meta` become the Snowflake tags of the same
  name (GOVERNANCE schema, created by the Snowflake stack). Masking policies are attached to the sensitivity tag,
  one per data type, so a tagged column is masked as soon as the tag is set.
-#}

{% macro governance_tag(name) -%}
  {{ var('name_prefix') }}_{{ target.name | upper }}.{{ var('governance_schema') }}.{{ name | upper }}
{%- endmacro %}


{#- The Snowflake type family a declared column type falls in; Iceberg types map to exactly these. -#}
{% macro masking_data_type(declared) -%}
  {%- set base = (declared or '') | trim | upper -%}
  {%- set base = base.split('(')[0] | trim -%}
  {%- set families = {
      'VARCHAR': 'VARCHAR', 'STRING': 'VARCHAR', 'TEXT': 'VARCHAR', 'CHAR': 'VARCHAR', 'CHARACTER': 'VARCHAR',
      'NUMBER': 'NUMBER', 'DECIMAL': 'NUMBER', 'NUMERIC': 'NUMBER', 'INT': 'NUMBER', 'INTEGER': 'NUMBER',
      'BIGINT': 'NUMBER', 'SMALLINT': 'NUMBER', 'TINYINT': 'NUMBER',
      'FLOAT': 'FLOAT', 'FLOAT4': 'FLOAT', 'FLOAT8': 'FLOAT', 'DOUBLE': 'FLOAT', 'DOUBLE PRECISION': 'FLOAT',
      'REAL': 'FLOAT',
      'DATE': 'DATE',
      'TIMESTAMP': 'TIMESTAMP_NTZ', 'DATETIME': 'TIMESTAMP_NTZ', 'TIMESTAMP_NTZ': 'TIMESTAMP_NTZ',
      'TIMESTAMP_LTZ': 'TIMESTAMP_LTZ',
  } -%}
  {{- families.get(base, base) -}}
{%- endmacro %}


{#- Every reason a model's governed columns cannot be served safely; empty when all is well. -#}
{% macro column_governance_problems(node) %}
  {%- set problems = [] -%}
  {%- for column in node.columns.values() -%}
    {%- set meta = column.meta or {} -%}
    {%- set where = node.name ~ '.' ~ column.name -%}
    {%- if 'pii' in meta and meta['pii'] not in [true, false] -%}
      {%- do problems.append(where ~ ": meta.pii must be true or false, got " ~ meta['pii']) -%}
    {%- endif -%}
    {%- if 'sensitivity' in meta -%}
      {%- set declared = column.data_type -%}
      {%- set family = masking_data_type(declared) -%}
      {%- if meta['sensitivity'] not in ['low', 'high', 'critical'] -%}
        {%- do problems.append(where ~ ": meta.sensitivity must be one of low, high, critical, got "
            ~ meta['sensitivity']) -%}
      {%- elif not declared -%}
        {%- do problems.append(where ~ ": a column tagged with sensitivity needs a data_type, so its masking policy"
            ~ " can be checked") -%}
      {%- elif family not in var('masked_data_types') -%}
        {%- do problems.append(where ~ ": data_type " ~ declared ~ " has no masking policy (masked types: "
            ~ var('masked_data_types') | join(', ') ~ "); the column would be served unmasked") -%}
      {%- endif -%}
    {%- elif meta.get('pii') == true -%}
      {%- do problems.append(where ~ ": meta.pii is true but no sensitivity is set, so nothing would mask it") -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(problems) }}
{% endmacro %}


{#-
  The statements that make a relation's column tags equal to its YAML. SET overwrites, so re-running changes
  nothing. A view is replaced on every run and comes back with no tags, so setting the declared ones is all it
  needs; a table keeps its tags, so its columns that no longer declare one get an UNSET (a no-op when absent).
-#}
{% macro column_tag_statements(node, relation) %}
  {%- set problems = column_governance_problems(node) -%}
  {%- if problems -%}
    {{ exceptions.raise_compiler_error("Column governance of " ~ node.name ~ ":\n  " ~ problems | join("\n  ")) }}
  {%- endif -%}
  {%- set kind = 'view' if node.config.materialized == 'view' else 'table' -%}
  {%- set statements = [] -%}
  {%- for column in node.columns.values() | sort(attribute='name') -%}
    {%- set meta = column.meta or {} -%}
    {%- set target_column = adapter.quote(column.name | upper) -%}
    {%- set assignments = [] -%}
    {%- set removals = [] -%}
    {%- if 'pii' in meta -%}
      {%- do assignments.append(governance_tag('pii') ~ " = '" ~ (meta['pii'] | string | lower) ~ "'") -%}
    {%- else -%}
      {%- do removals.append(governance_tag('pii')) -%}
    {%- endif -%}
    {%- if 'sensitivity' in meta -%}
      {%- do assignments.append(governance_tag('sensitivity') ~ " = '" ~ meta['sensitivity'] ~ "'") -%}
    {%- else -%}
      {%- do removals.append(governance_tag('sensitivity')) -%}
    {%- endif -%}
    {%- if assignments -%}
      {%- do statements.append("alter " ~ kind ~ " " ~ relation ~ " modify column " ~ target_column
          ~ " set tag " ~ assignments | join(', ')) -%}
    {%- endif -%}
    {%- if removals and kind == 'table' -%}
      {%- do statements.append("alter " ~ kind ~ " " ~ relation ~ " modify column " ~ target_column
          ~ " unset tag " ~ removals | join(', ')) -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return(statements) }}
{% endmacro %}


{#-
  post-hook of every mart: the tag statements, run by dbt right after the view is (re)built. Returned as hook
  SQL rather than run here, so `dbt compile` renders them without a connection.
-#}
{% macro apply_column_tags() -%}
  {%- set statements = column_tag_statements(model, this) if execute else [] -%}
  {{- statements | join(";\n") if statements else "select 1 as no_governed_columns" -}}
{%- endmacro %}


{#-
  `dbt run-operation print_column_tag_statements --args '{model: mart_sales}'` shows what a run would apply to
  one model; without `model`, to every model. Needs no connection.
-#}
{% macro print_column_tag_statements(model=none) %}
  {%- set nodes = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
      | selectattr('package_name', 'equalto', project_name) | sort(attribute='name') | list -%}
  {%- if model is not none -%}
    {%- set nodes = nodes | selectattr('name', 'equalto', model) | list -%}
    {%- if not nodes -%}
      {{ exceptions.raise_compiler_error("No model named " ~ model ~ " in the serving project") }}
    {%- endif -%}
  {%- endif -%}
  {%- for node in nodes -%}
    {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- for statement in column_tag_statements(node, relation) -%}
      {{ print(statement ~ ";") }}
    {%- endfor -%}
  {%- endfor -%}
{% endmacro %}
