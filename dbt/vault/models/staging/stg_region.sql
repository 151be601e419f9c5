with source as (
    {{ northwind_vault.committed_log('region') }}
),

typed as (
    select
        cast(region_id as integer) as region_id,
        cast(region_description as {{ northwind_vault.string_type() }}) as region_description,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['region_id']) }} as region_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_region')) }} as region_hashdiff
    from typed
)

select * from hashed
