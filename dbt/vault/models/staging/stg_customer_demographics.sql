with source as (
    {{ northwind_vault.committed_log('customer_demographics') }}
),

typed as (
    select
        cast(customer_type_id as {{ northwind_vault.string_type() }}) as customer_type_id,
        cast(customer_desc as {{ northwind_vault.string_type() }}) as customer_desc,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['customer_type_id']) }} as customer_type_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_customer_type')) }} as customer_type_hashdiff
    from typed
)

select * from hashed
