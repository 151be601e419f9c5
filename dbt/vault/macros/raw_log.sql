{#-
  The contract with the ingestion's raw layer (issue #9), in one file. Per source table the raw layer is an
  append-only change log: the source columns plus `_op` ('insert' | 'update' | 'delete'), `_batch_id`,
  `_load_ts` (one per batch, strictly increasing), `_record_source` and `_row_hash`. A key appears at most once
  per table and batch; a delete row carries the key and the row's last known values. `batch_manifest` holds
  one row per (batch, table) of every committed batch and is written last, so a batch is visible only once
  it is there. The `<table>_keys` tables are the ingestion's own state: nothing here reads them.
-#}

{#- The rows of one raw log table that belong to committed batches (a staging model's `source` CTE). Rows of a
    failed or still running batch have no manifest rows and stay invisible until (unless) their batch commits.
    The manifest comes through stg_batch_manifest, read once per run before the log tables. -#}
{% macro committed_log(table) -%}
select change_log.*
from {{ source('northwind_raw', table) }} as change_log
where change_log._batch_id in (select manifest.batch_id from {{ ref('stg_batch_manifest') }} as manifest)
{%- endmacro %}

{#- The ingestion's metadata columns, renamed and typed for the vault. Every staging model selects them through
    this macro, so the vault meets the raw layer's columns here and nowhere else. -#}
{% macro ingestion_metadata() -%}
{{ northwind_vault.load_timestamp('_load_ts') }} as load_ts,
        cast(_record_source as {{ northwind_vault.string_type() }}) as record_source,
        cast(_batch_id as {{ northwind_vault.string_type() }}) as batch_id,
        cast(_op as {{ northwind_vault.string_type() }}) as change_op
{%- endmacro %}

{#- True for a log row that records a deletion. Deletes end a key's status; they never create a hub key or
    link combination and never become a satellite version (their values are the last version's). -#}
{% macro is_delete(op='change_op') -%}
({{ op }} = 'delete')
{%- endmacro %}

{#- The source as it is now, derived from the log: per key the latest row among committed batches, without the
    keys whose latest row is a delete. The one place that turns the log back into a snapshot; whatever compares
    the vault with "the raw layer" reads this. `staging_model` is a staging model (committed rows, typed
    columns, change_op and load_ts); reading it rather than the source compares the vault with exactly the
    batches this run loaded. Columns: the staging model's, plus `recency`. -#}
{% macro current_state(staging_model, key_columns) -%}
{%- if key_columns is string %}{% set key_columns = [key_columns] %}{% endif -%}
(
    select latest.*
    from (
        select
            staged.*,
            row_number() over (
                partition by {% for column in key_columns %}staged.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %}
                order by staged.load_ts desc
            ) as recency
        from {{ ref(staging_model) }} as staged
    ) as latest
    where latest.recency = 1
        and not {{ northwind_vault.is_delete('latest.change_op') }}
)
{%- endmacro %}
