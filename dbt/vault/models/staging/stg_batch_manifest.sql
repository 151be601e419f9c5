-- The committed batches. The only reader of the manifest source: every log staging model filters on this view,
-- so a run sees one manifest snapshot, read before any log table (locally the plugin reloads a source each
-- time it is referenced; one reference means one read, and no two threads replacing the same table).
with source as (
    select * from {{ source('northwind_raw', 'batch_manifest') }}
),

typed as (
    select
        cast(batch_id as {{ northwind_vault.string_type() }}) as batch_id,
        cast(table_name as {{ northwind_vault.string_type() }}) as table_name,
        {{ northwind_vault.load_timestamp('started_at') }} as started_at,
        {{ northwind_vault.load_timestamp('committed_at') }} as committed_at,
        cast(log_snapshot_id as bigint) as log_snapshot_id,
        cast(inserted as bigint) as inserted,
        cast(updated as bigint) as updated,
        cast(deleted as bigint) as deleted,
        cast(source_rows as bigint) as source_rows,
        cast(mode as {{ northwind_vault.string_type() }}) as mode
    from source
)

select * from typed
