with source as (
    select * from {{ source('northwind_raw', 'shippers') }}
),

typed as (
    select
        cast(shipper_id as integer) as shipper_id,
        cast(company_name as {{ northwind_vault.string_type() }}) as company_name,
        cast(phone as {{ northwind_vault.string_type() }}) as phone,
        {{ northwind_vault.load_timestamp('_load_ts') }} as load_ts,
        cast(_record_source as {{ northwind_vault.string_type() }}) as record_source,
        cast(_batch_id as {{ northwind_vault.string_type() }}) as batch_id
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['shipper_id']) }} as shipper_hk,
        {{ northwind_vault.hashdiff(['company_name', 'phone']) }} as shipper_hashdiff
    from typed
)

select * from hashed
