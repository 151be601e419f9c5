with source as (
    {{ northwind_vault.committed_log('territories') }}
),

typed as (
    select
        cast(territory_id as {{ northwind_vault.string_type() }}) as territory_id,
        cast(territory_description as {{ northwind_vault.string_type() }}) as territory_description,
        cast(region_id as integer) as region_id,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['territory_id']) }} as territory_hk,
        {{ northwind_vault.hash_key(['region_id']) }} as region_hk,
        {{ northwind_vault.hash_key(['territory_id', 'region_id']) }} as territory_region_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_territory')) }} as territory_hashdiff
    from typed
)

select * from hashed
