{#- Trino: the incremental materialization with fewer round trips. dbt-trino's own creates a view of the model's
    query, reads information_schema four times (column types to expand, then the schema-change check), writes
    and drops the view: six statements around the one that writes, about half a second per model on a local
    Trino, where a raw-vault model's own insert of one batch takes about as long. Here an incremental run of
    an `append` or `merge` model with on_schema_change 'fail' (all of this project's) costs two more:
    - the query's columns, from planning it with no rows (`get_column_schema_from_query`), and the table's
      (information_schema): a column added, removed or changed in kind fails the run, as dbt's check does;
      a change of precision within a kind is Trino's to refuse (an insert or merge takes only coercions
      that lose nothing);
    - the write: dbt-trino's own append or merge statement, with the model's query as its source.
    Everything else (the first build, a full refresh, a view in the way, other strategies or settings) is
    dbt-trino's materialization, unchanged. Only the `trino` target renders this; Athena's is dbt-athena's. -#}
{% materialization incremental, adapter='trino', supported_languages=['sql'] -%}
{%- set existing_relation = load_cached_relation(this) -%}
{%- set strategy = config.get('incremental_strategy') or 'default' -%}
{%- set lean = existing_relation is not none and existing_relation.is_table and not should_full_refresh()
    and strategy in ['append', 'merge'] and config.get('on_schema_change') == 'fail'
    and config.get('incremental_predicates') is none and config.get('predicates') is none -%}
{%- if not lean -%}
{{ return(dbt.materialization_incremental_trino()) }}
{%- endif -%}
{%- set target_relation = this.incorporate(type='table') -%}

{{ run_hooks(pre_hooks) }}

{%- set query_columns = get_column_schema_from_query(compiled_code) -%}
{%- set table_columns = adapter.get_columns_in_relation(existing_relation) -%}
{%- do northwind_vault.fail_on_schema_change(query_columns, table_columns) -%}

{%- set source = '(\n' ~ compiled_code ~ '\n)' -%}
{%- set write_args = {
    'target_relation': target_relation,
    'temp_relation': source,
    'unique_key': config.get('unique_key') if strategy == 'merge' else none,
    'dest_columns': table_columns,
    'incremental_predicates': none,
} -%}
{%- set write = adapter.get_incremental_strategy_macro(context, strategy) -%}
{%- call statement('main') -%}
{{ write(write_args) }}
{%- endcall -%}

{{ run_hooks(post_hooks) }}
{% do persist_docs(target_relation, model) %}
{{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}

{#- The run fails, naming every difference, when the query's columns and the table's differ in name or kind
    (Trino's type without its precision: varchar, decimal, timestamp...). -#}
{% macro fail_on_schema_change(query_columns, table_columns) -%}
{%- set kinds = {} -%}
{%- for column in table_columns -%}
    {%- do kinds.update({column.name | lower: column.data_type.split('(')[0] | upper}) -%}
{%- endfor -%}
{%- set problems = [] -%}
{%- set seen = [] -%}
{%- for column in query_columns -%}
    {%- set name = column.name | lower -%}
    {%- do seen.append(name) -%}
    {%- set kind = column.data_type.split('(')[0] | upper -%}
    {%- if name not in kinds -%}
        {%- do problems.append('new column ' ~ name ~ ' (' ~ kind ~ ')') -%}
    {%- elif kinds[name] != kind -%}
        {%- do problems.append('column ' ~ name ~ ' is ' ~ kind ~ ', the table has ' ~ kinds[name]) -%}
    {%- endif -%}
{%- endfor -%}
{%- for name in kinds if name not in seen -%}
    {%- do problems.append('column ' ~ name ~ ' is missing from the query') -%}
{%- endfor -%}
{%- if problems -%}
    {{ exceptions.raise_compiler_error(
        "The source and target schemas on this incremental model are out of sync (on_schema_change 'fail'): "
        ~ problems | join('; ') ~ ". Rebuild the model with --full-refresh, or the vault with make vault-rebuild.") }}
{%- endif -%}
{%- endmacro %}
