with source as (
    {{ northwind_vault.committed_log('employee_territories') }}
),

typed as (
    select
        cast(employee_id as integer) as employee_id,
        cast(territory_id as {{ northwind_vault.string_type() }}) as territory_id,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['employee_id']) }} as employee_hk,
        {{ northwind_vault.hash_key(['territory_id']) }} as territory_hk,
        {{ northwind_vault.hash_key(['employee_id', 'territory_id']) }} as employee_territory_hk
    from typed
)

select * from hashed
