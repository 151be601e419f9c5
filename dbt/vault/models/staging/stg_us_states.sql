with source as (
    {{ northwind_vault.committed_log('us_states') }}
),

typed as (
    select
        cast(state_id as integer) as state_id,
        cast(state_name as {{ northwind_vault.string_type() }}) as state_name,
        cast(state_abbr as {{ northwind_vault.string_type() }}) as state_abbr,
        cast(state_region as {{ northwind_vault.string_type() }}) as state_region,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['state_id']) }} as us_state_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_us_state')) }} as us_state_hashdiff
    from typed
)

select * from hashed
