with source as (
    {{ northwind_vault.committed_log('customers') }}
),

typed as (
    select
        cast(customer_id as {{ northwind_vault.string_type() }}) as customer_id,
        cast(company_name as {{ northwind_vault.string_type() }}) as company_name,
        cast(contact_name as {{ northwind_vault.string_type() }}) as contact_name,
        cast(contact_title as {{ northwind_vault.string_type() }}) as contact_title,
        cast(address as {{ northwind_vault.string_type() }}) as address,
        cast(city as {{ northwind_vault.string_type() }}) as city,
        cast(region as {{ northwind_vault.string_type() }}) as region,
        cast(postal_code as {{ northwind_vault.string_type() }}) as postal_code,
        cast(country as {{ northwind_vault.string_type() }}) as country,
        cast(phone as {{ northwind_vault.string_type() }}) as phone,
        cast(fax as {{ northwind_vault.string_type() }}) as fax,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['customer_id']) }} as customer_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_customer')) }} as customer_hashdiff
    from typed
)

select * from hashed
