with source as (
    {{ northwind_vault.committed_log('suppliers') }}
),

typed as (
    select
        cast(supplier_id as integer) as supplier_id,
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
        cast(homepage as {{ northwind_vault.string_type() }}) as homepage,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['supplier_id']) }} as supplier_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_supplier')) }} as supplier_hashdiff
    from typed
)

select * from hashed
