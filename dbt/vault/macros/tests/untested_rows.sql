{#-
  Data tests follow the change (README "Data Vault", "Tests that follow the change"). The staging views and the
  insert-only raw vault only ever gain rows, each stamped with its batch's load_ts. A scheduled build tests
  the rows that no passing test run has covered yet, instead of re-testing the whole history every batch:
  - every data test under models/staging and models/raw_vault carries `where: __untested_rows__`
    (dbt_project.yml);
  - here, `get_where_subquery` (dbt's hook for the `where` config) turns that placeholder into
    `load_ts > <the newest load_ts the model's tests have passed on>`, read from the audit table; a uniqueness
    test instead reads every row that shares a key with such a row, so a new row repeating an old key fails;
  - at the end of a `dbt build` / `dbt test`, every model whose scoped tests all passed records its newest
    load_ts in the audit table (`record_tested_through`, an on-run-end hook).
  A model with no record (a new vault, a rebuild, a model whose tests failed) is tested in full, and so is
  everything with `--vars '{test_scope: all}'` (the audit of the whole history).
  Per engine:
  - DuckDB: one lookup per test, at compile time, puts the watermark into the test as a literal;
  - Trino: the watermark is a subquery of the test, so compiling a test costs no query (a query on Trino costs
    a round trip), and the run records every model in one insert, one Iceberg commit per run;
  - Athena: the placeholder means every row (no audit table: its DDL there is dbt-athena's, untested here).
-#}

{% macro untested_rows_placeholder() -%}
__untested_rows__
{%- endmacro %}

{#- The audit table: one row per model and passing test run (model_name, tested_through, invocation_id). -#}
{% macro tested_through_relation() -%}
{{ return(api.Relation.create(database=target.database, schema=target.schema ~ '_audit', identifier='vault_tested_through')) }}
{%- endmacro %}

{#- dbt's own macro, dispatched from the `dbt` namespace: the root project's version wins. A uniqueness test
    is scoped to the rows that share a key with an untested row, so a new row that repeats an old key is
    still caught (old rows among themselves were checked when they were new). -#}
{% macro default__get_where_subquery(relation) -%}
{%- set where = config.get('where') or '' -%}
{%- set placeholder = northwind_vault.untested_rows_placeholder() -%}
{%- if placeholder in where -%}
    {%- set untested = northwind_vault.untested_rows_predicate(relation, 'untested') -%}
    {%- if untested == '1 = 1' -%}
        {%- set where = where | replace(placeholder, '1 = 1') -%}
    {%- else -%}
        {%- set test = model.test_metadata -%}
        {%- set keys = northwind_vault.uniqueness_keys(test) -%}
        {%- if keys -%}
            {%- set scope -%}
            exists (
                select 1 from {{ relation }} as untested
                where {{ untested }}
                {%- for key in keys %}
                    and untested.{{ key }} = tested_rows.{{ key }}
                {%- endfor %}
            )
            {%- endset -%}
        {%- else -%}
            {%- set scope = northwind_vault.untested_rows_predicate(relation, 'tested_rows') -%}
        {%- endif -%}
        {%- set where = where | replace(placeholder, scope) -%}
    {%- endif -%}
{%- endif -%}
{%- if not where or where == '1 = 1' -%}
{{ return(relation) }}
{%- endif -%}
{%- set filtered -%}
(select * from {{ relation }} as tested_rows where {{ where }}) dbt_subquery
{%- endset -%}
{{ return(filtered) }}
{%- endmacro %}

{#- The key columns of a uniqueness test (dbt's `unique`, the project's `unique_combination`), else none. -#}
{% macro uniqueness_keys(test) -%}
{%- if test is none -%}{{ return([]) }}{%- endif -%}
{%- if test.name == 'unique' -%}{{ return([test.kwargs.column_name]) }}{%- endif -%}
{%- if test.name == 'unique_combination' -%}{{ return(test.kwargs.columns) }}{%- endif -%}
{{ return([]) }}
{%- endmacro %}

{% macro test_scope_is_all() -%}
{{ return(var('test_scope', 'untested') == 'all') }}
{%- endmacro %}

{#- The rows of `relation` (as `alias`) its tests have not yet passed on, as a predicate; '1 = 1' for all. -#}
{% macro untested_rows_predicate(relation, alias) -%}
{{ return(adapter.dispatch('untested_rows_predicate', 'northwind_vault')(relation, alias)) }}
{%- endmacro %}

{% macro default__untested_rows_predicate(relation, alias) -%}
{{ return('1 = 1') }}
{%- endmacro %}

{% macro duckdb__untested_rows_predicate(relation, alias) -%}
{%- set audit = northwind_vault.tested_through_relation() -%}
{%- if not execute or northwind_vault.test_scope_is_all() or adapter.get_relation(audit.database, audit.schema, audit.identifier) is none -%}
{{ return('1 = 1') }}
{%- endif -%}
{#- One query: the watermark, and whether the relation has a load_ts at all (stg_batch_manifest has none). -#}
{%- set watermark -%}
select
    cast(max(audit.tested_through) as varchar) as tested_through,
    (
        select count(*) from information_schema.columns
        where table_schema = '{{ relation.schema }}' and table_name = '{{ relation.identifier }}'
            and column_name = 'load_ts'
    ) as has_load_ts
from {{ audit }} as audit
where audit.model_name = '{{ relation.identifier }}'
{%- endset -%}
{%- set row = run_query(watermark).rows[0] -%}
{%- if row[0] is none or row[1] == 0 -%}
{{ return('1 = 1') }}
{%- endif -%}
{{ return(alias ~ ".load_ts > cast('" ~ row[0] ~ "' as timestamp)") }}
{%- endmacro %}

{#- The watermark as a subquery, for engines where a compile-time lookup costs a round trip per test. The
    audit table exists (ensure_tested_through_table, on-run-start). A model that declares no load_ts in its
    YAML (stg_batch_manifest) is tested in full; a null load_ts stays in scope (its not_null test sees it). -#}
{% macro trino__untested_rows_predicate(relation, alias) -%}
{%- if not execute or northwind_vault.test_scope_is_all() or not northwind_vault.declares_load_ts(relation) -%}
{{ return('1 = 1') }}
{%- endif -%}
{%- set audit = northwind_vault.tested_through_relation() -%}
{%- set watermark -%}
(select max(audit.tested_through) from {{ audit }} as audit where audit.model_name = '{{ relation.identifier }}')
{%- endset -%}
{{ return('coalesce(' ~ alias ~ '.load_ts > ' ~ watermark | trim ~ ', true)') }}
{%- endmacro %}

{#- Whether the model behind `relation` documents a load_ts column (every staging and raw-vault model but the
    manifest does; tests/test_docs.py keeps the YAML complete). -#}
{% macro declares_load_ts(relation) -%}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.alias == relation.identifier and node.schema == relation.schema -%}
    {{ return('load_ts' in node.columns) }}
{%- endfor -%}
{{ return(false) }}
{%- endmacro %}

{#- on-run-start: the audit table, where the engine's predicate reads it in the tests' SQL. -#}
{% macro ensure_tested_through_table() -%}
{{ return(adapter.dispatch('ensure_tested_through_table', 'northwind_vault')()) }}
{%- endmacro %}

{% macro default__ensure_tested_through_table() -%}
{{ return('') }}
{%- endmacro %}

{% macro trino__ensure_tested_through_table() -%}
{%- if not execute -%}{{ return('') }}{%- endif -%}
{%- set audit = northwind_vault.tested_through_relation() -%}
{%- do run_query('create schema if not exists ' ~ audit.include(identifier=false)) -%}
{%- do run_query('create table if not exists ' ~ audit ~ ' (model_name varchar, tested_through timestamp(6), invocation_id varchar)') -%}
{{ return('') }}
{%- endmacro %}

{#- on-run-end: record, per model whose scoped tests all passed in this invocation, the newest load_ts they
    covered. A model with any failing, erroring or skipped test records nothing, so its rows stay untested. -#}
{% macro record_tested_through(results) -%}
{{ return(adapter.dispatch('record_tested_through', 'northwind_vault')(results)) }}
{%- endmacro %}

{% macro default__record_tested_through(results) -%}
{{ return('') }}
{%- endmacro %}

{#- The models whose scoped tests all ran in this invocation and passed, as graph nodes. A model counts only if
    every scoped test of it in the project ran and passed: a partial selection (`--select` one test) must not
    mark the rows of the tests it left out as tested. -#}
{% macro fully_tested_models(results) -%}
{%- set placeholder = northwind_vault.untested_rows_placeholder() -%}
{%- set passed_tests = [] -%}
{%- for result in results if result.node.resource_type == 'test' and result.status == 'pass' -%}
    {%- do passed_tests.append(result.node.unique_id) -%}
{%- endfor -%}
{%- set complete = {} -%}
{%- for test in graph.nodes.values() if test.resource_type == 'test' and test.attached_node -%}
    {%- if placeholder in (test.config.get('where') or '') -%}
        {%- do complete.update({test.attached_node: complete.get(test.attached_node, true) and test.unique_id in passed_tests}) -%}
    {%- endif -%}
{%- endfor -%}
{%- set models = [] -%}
{%- for model_id, all_passed in complete.items() if all_passed -%}
    {%- do models.append(graph.nodes[model_id]) -%}
{%- endfor -%}
{{ return(models) }}
{%- endmacro %}

{% macro duckdb__record_tested_through(results) -%}
{%- if not execute or flags.WHICH not in ['build', 'test'] -%}
{{ return('') }}
{%- endif -%}
{%- set audit = northwind_vault.tested_through_relation() -%}
{%- set statements = [
    'create schema if not exists ' ~ audit.include(identifier=false),
    'create table if not exists ' ~ audit ~ ' (model_name varchar, tested_through timestamp, invocation_id varchar)',
] -%}
{%- for node in northwind_vault.fully_tested_models(results) -%}
    {%- set model_relation = adapter.get_relation(node.database, node.schema, node.alias) -%}
    {%- if model_relation is not none -%}
        {%- set columns = adapter.get_columns_in_relation(model_relation) | map(attribute='name') | list -%}
        {%- if 'load_ts' in columns -%}
            {%- do statements.append(
                "insert into " ~ audit ~ " select '" ~ node.alias ~ "', max(load_ts), '" ~ invocation_id ~ "'"
                ~ " from " ~ model_relation ~ " having max(load_ts) is not null"
            ) -%}
        {%- endif -%}
    {%- endif -%}
{%- endfor -%}
{#- dbt runs this hook on a connection whose transaction the lookups above have begun: run and commit here. -#}
{%- for statement in statements -%}
    {%- do run_query(statement) -%}
{%- endfor -%}
{%- do run_query('commit') -%}
{{ return('') }}
{%- endmacro %}

{#- Trino: one insert for every fully tested model that declares a load_ts, so one Iceberg commit per run. -#}
{% macro trino__record_tested_through(results) -%}
{%- if not execute or flags.WHICH not in ['build', 'test'] -%}
{{ return('') }}
{%- endif -%}
{%- set selects = [] -%}
{%- for node in northwind_vault.fully_tested_models(results) if 'load_ts' in node.columns -%}
    {%- set model_relation = adapter.get_relation(node.database, node.schema, node.alias) -%}
    {%- if model_relation is not none -%}
        {%- do selects.append(
            "select '" ~ node.alias ~ "', max(load_ts), '" ~ invocation_id ~ "' from " ~ model_relation
            ~ " having max(load_ts) is not null"
        ) -%}
    {%- endif -%}
{%- endfor -%}
{%- if selects -%}
    {%- do run_query('insert into ' ~ northwind_vault.tested_through_relation() ~ '\n' ~ selects | join('\nunion all\n')) -%}
{%- endif -%}
{{ return('') }}
{%- endmacro %}
