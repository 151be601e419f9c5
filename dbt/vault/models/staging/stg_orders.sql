with source as (
    {{ northwind_vault.committed_log('orders') }}
),

typed as (
    select
        cast(order_id as integer) as order_id,
        cast(customer_id as {{ northwind_vault.string_type() }}) as customer_id,
        cast(employee_id as integer) as employee_id,
        cast(order_date as date) as order_date,
        cast(required_date as date) as required_date,
        cast(shipped_date as date) as shipped_date,
        cast(ship_via as integer) as ship_via,
        {{ northwind_vault.fixed_decimal('freight') }} as freight,
        cast(ship_name as {{ northwind_vault.string_type() }}) as ship_name,
        cast(ship_address as {{ northwind_vault.string_type() }}) as ship_address,
        cast(ship_city as {{ northwind_vault.string_type() }}) as ship_city,
        cast(ship_region as {{ northwind_vault.string_type() }}) as ship_region,
        cast(ship_postal_code as {{ northwind_vault.string_type() }}) as ship_postal_code,
        cast(ship_country as {{ northwind_vault.string_type() }}) as ship_country,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['order_id']) }} as order_hk,
        {{ northwind_vault.hash_key(['customer_id']) }} as customer_hk,
        {{ northwind_vault.hash_key(['employee_id']) }} as employee_hk,
        {{ northwind_vault.hash_key(['ship_via']) }} as shipper_hk,
        {{ northwind_vault.hash_key(['order_id', 'customer_id', 'employee_id']) }} as order_customer_employee_hk,
        {{ northwind_vault.hash_key(['order_id', 'ship_via']) }} as order_shipper_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_order')) }} as order_hashdiff
    from typed
)

select * from hashed
