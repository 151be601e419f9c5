with source as (
    {{ northwind_vault.committed_log('products') }}
),

typed as (
    select
        cast(product_id as integer) as product_id,
        cast(product_name as {{ northwind_vault.string_type() }}) as product_name,
        cast(supplier_id as integer) as supplier_id,
        cast(category_id as integer) as category_id,
        cast(quantity_per_unit as {{ northwind_vault.string_type() }}) as quantity_per_unit,
        {{ northwind_vault.fixed_decimal('unit_price') }} as unit_price,
        cast(units_in_stock as integer) as units_in_stock,
        cast(units_on_order as integer) as units_on_order,
        cast(reorder_level as integer) as reorder_level,
        cast(discontinued as integer) as discontinued,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['product_id']) }} as product_hk,
        {{ northwind_vault.hash_key(['supplier_id']) }} as supplier_hk,
        {{ northwind_vault.hash_key(['category_id']) }} as category_hk,
        {{ northwind_vault.hash_key(['product_id', 'supplier_id', 'category_id']) }} as product_supplier_category_hk,
        {{ northwind_vault.hashdiff(northwind_vault.satellite_payload('sat_product')) }} as product_hashdiff
    from typed
)

select * from hashed
