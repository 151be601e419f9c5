with source as (
    {{ northwind_vault.committed_log('categories') }}
),

typed as (
    select
        cast(category_id as integer) as category_id,
        cast(category_name as {{ northwind_vault.string_type() }}) as category_name,
        cast(description as {{ northwind_vault.string_type() }}) as description,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['category_id']) }} as category_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_category')) }} as category_hashdiff
    from typed
)

select * from hashed
