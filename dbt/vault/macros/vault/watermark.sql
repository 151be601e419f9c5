{#- Incremental runs only read staged rows newer than the newest row already loaded, so a run with no new
    ingestion batch reads nothing, and a new batch is read once.

    The bound is a literal: the model's watermark (max load_ts of {{ this }}) is looked up when the model runs
    and rendered as a timestamp constant. A constant comparison on `load_ts` (a plain cast of the log's
    `_load_ts`) reaches the raw log's scan through the staging view, so DuckDB's iceberg scan and Athena's
    Iceberg connector skip every data file of older batches (`_load_ts` is one value per batch, so each file's
    min/max bounds say exactly which batch it holds). A subquery bound (`> (select max(load_ts) from this)`)
    is not a constant at planning time and reads every file of every batch.

    The vault macros first make the cheap check of an unchanged table (`nothing_new`, below).

    While dbt parses, and in unit tests (where `this` is a fixture, not a table), the bound stays the
    subquery: the same rows, without the lookup. -#}
{% macro new_rows_filter(load_ts='load_ts') -%}
{%- if not is_incremental() -%}
1 = 1
{%- elif not northwind_vault.watermark_can_be_read() -%}
{{ load_ts }} > (select coalesce(max(load_ts), {{ northwind_vault.epoch_timestamp() }}) from {{ this }})
{%- else -%}
{{ load_ts }} > {{ northwind_vault.loaded_watermark() }}
{%- endif -%}
{%- endmacro %}

{#- The cheap check of an unchanged table: true when an incremental model's staged model holds no row newer
    than the model's watermark (a query that reads the log's metadata only, as the constant bound prunes every
    file). The vault macros then render `no_new_rows()` instead of their body, so the run reads neither the
    log nor the model's own table (a satellite's latest rows, a status's previous state): a constant-false
    filter inside the body would not do, as the engines may materialize a CTE used twice and still scan
    {{ this }} against it. False at parse time and in unit tests. -#}
{% macro nothing_new(source_model) -%}
{{ return(is_incremental() and northwind_vault.watermark_can_be_read()
    and not northwind_vault.has_rows_after(source_model, northwind_vault.loaded_watermark())) }}
{%- endmacro %}

{#- What an incremental model with nothing new inserts: no row, with exactly its table's columns. -#}
{% macro no_new_rows() -%}
select * from {{ this }} where 1 = 0
{%- endmacro %}

{#- True when the model runs for real against its own table: not at parse time, not in a unit test. -#}
{% macro watermark_can_be_read() -%}
{{ return(execute and model.resource_type == 'model' and this is not string) }}
{%- endmacro %}

{#- The model's watermark as a timestamp literal: the newest load_ts in {{ this }} (the epoch when empty); the
    current-state layer asks for its newest changed_ts instead.
    Looked up once per model: `nothing_new` and `new_rows_filter` both ask for it while the model renders, and
    on Athena or Trino every query costs a round trip and a planning. The answer is kept in the render's own
    `model` dict, which lives exactly as long as this render. -#}
{% macro loaded_watermark(column='load_ts') -%}
{%- set memo = '_northwind_loaded_watermark_' ~ column -%}
{%- if memo not in model -%}
    {%- set rows = run_query('select max(' ~ column ~ ') from ' ~ this).rows -%}
    {%- set value = rows[0][0] if rows | length > 0 else none -%}
    {%- if value is none -%}
        {%- set literal = northwind_vault.epoch_timestamp() -%}
    {%- else -%}
        {#- DuckDB hands back a datetime, Athena's driver may hand back its text: microseconds kept either way. -#}
        {%- set text = value if value is string else value.strftime('%Y-%m-%d %H:%M:%S.%f') -%}
        {%- set literal = northwind_vault.load_timestamp("'" ~ text ~ "'") -%}
    {%- endif -%}
    {%- do model.update({memo: literal}) -%}
{%- endif -%}
{{ return(model[memo]) }}
{%- endmacro %}

{#- Whether the staged model holds a committed row newer than `watermark` (a literal), read with the same
    pruning filter: on an unchanged table it reads no data file. -#}
{% macro has_rows_after(source_model, watermark) -%}
{%- set result = run_query(
    'select count(*) from (select 1 as found from ' ~ ref(source_model) ~ ' where load_ts > ' ~ watermark
    ~ ' limit 1) as newer') -%}
{#- No answer at all (a driver that returns no rows) counts as "maybe": read, never skip. -#}
{{ return(result.rows | length == 0 or result.rows[0][0] > 0) }}
{%- endmacro %}
