with source as (
    {{ northwind_vault.committed_log('employees') }}
),

typed as (
    select
        cast(employee_id as integer) as employee_id,
        cast(last_name as {{ northwind_vault.string_type() }}) as last_name,
        cast(first_name as {{ northwind_vault.string_type() }}) as first_name,
        cast(title as {{ northwind_vault.string_type() }}) as title,
        cast(title_of_courtesy as {{ northwind_vault.string_type() }}) as title_of_courtesy,
        cast(birth_date as date) as birth_date,
        cast(hire_date as date) as hire_date,
        cast(address as {{ northwind_vault.string_type() }}) as address,
        cast(city as {{ northwind_vault.string_type() }}) as city,
        cast(region as {{ northwind_vault.string_type() }}) as region,
        cast(postal_code as {{ northwind_vault.string_type() }}) as postal_code,
        cast(country as {{ northwind_vault.string_type() }}) as country,
        cast(home_phone as {{ northwind_vault.string_type() }}) as home_phone,
        cast(extension as {{ northwind_vault.string_type() }}) as extension,
        cast(notes as {{ northwind_vault.string_type() }}) as notes,
        cast(reports_to as integer) as reports_to,
        cast(photo_path as {{ northwind_vault.string_type() }}) as photo_path,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['employee_id']) }} as employee_hk,
        {{ northwind_vault.hash_key(['reports_to']) }} as manager_hk,
        {{ northwind_vault.hash_key(['employee_id', 'reports_to']) }} as employee_manager_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_employee')) }} as employee_hashdiff
    from typed
)

select * from hashed
