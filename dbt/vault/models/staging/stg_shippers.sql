with source as (
    {{ northwind_vault.committed_log('shippers') }}
),

typed as (
    select
        cast(shipper_id as integer) as shipper_id,
        cast(company_name as {{ northwind_vault.string_type() }}) as company_name,
        cast(phone as {{ northwind_vault.string_type() }}) as phone,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['shipper_id']) }} as shipper_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_shipper')) }} as shipper_hashdiff
    from typed
)

select * from hashed
