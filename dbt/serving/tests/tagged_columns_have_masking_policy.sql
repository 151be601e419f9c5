{#-
  Fails `dbt test` / `dbt build` (and `dbt compile`) when a governed column cannot be masked: a sensitivity tag
  on a type without a masking policy, a missing data_type, or an unknown tag value. The post-hook refuses the
  same columns, so they are never tagged half-way.
-#}
{%- set problems = [] -%}
{%- if execute -%}
  {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') -%}
    {%- do problems.extend(column_governance_problems(node)) -%}
  {%- endfor -%}
{%- endif -%}
{%- if problems -%}
  {{ exceptions.raise_compiler_error("Governed columns without a masking policy:\n  " ~ problems | join("\n  ")) }}
{%- endif -%}
-- no rows: every tagged column has a masking policy for its type
select 1 as problem where false
