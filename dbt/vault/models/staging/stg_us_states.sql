with source as (
    select * from {{ source('northwind_raw', 'us_states') }}
),

typed as (
    select
        cast(state_id as integer) as state_id,
        cast(state_name as {{ northwind_vault.string_type() }}) as state_name,
        cast(state_abbr as {{ northwind_vault.string_type() }}) as state_abbr,
        cast(state_region as {{ northwind_vault.string_type() }}) as state_region,
        {{ northwind_vault.load_timestamp('_load_ts') }} as load_ts,
        cast(_record_source as {{ northwind_vault.string_type() }}) as record_source,
        cast(_batch_id as {{ northwind_vault.string_type() }}) as batch_id
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['state_id']) }} as us_state_hk,
        {{ northwind_vault.hashdiff(['state_name', 'state_abbr', 'state_region']) }} as us_state_hashdiff
    from typed
)

select * from hashed
