with source as (
    {{ northwind_vault.committed_log('order_details') }}
),

typed as (
    select
        cast(order_id as integer) as order_id,
        cast(product_id as integer) as product_id,
        {{ northwind_vault.fixed_decimal('unit_price') }} as unit_price,
        cast(quantity as integer) as quantity,
        {{ northwind_vault.fixed_decimal('discount') }} as discount,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['order_id', 'product_id']) }} as order_line_hk,
        {{ northwind_vault.hash_key(['order_id']) }} as order_hk,
        {{ northwind_vault.hash_key(['product_id']) }} as product_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_order_line')) }} as order_line_hashdiff
    from typed
)

select * from hashed
