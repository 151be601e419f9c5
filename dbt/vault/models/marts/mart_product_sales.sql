-- One row per product: units sold and revenue, with current product, category and supplier attributes.
with products as (
    select
        hub.product_hk,
        hub.product_id,
        sat.product_name,
        sat.unit_price as list_price,
        sat.discontinued
    from {{ ref('hub_product') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_product', 'product_hk') }} as sat
        on sat.product_hk = hub.product_hk
    inner join {{ northwind_vault.active_keys('sts_product', 'product_hk') }} as active_product
        on active_product.product_hk = hub.product_hk
),

classification as (
    select
        classified.product_hk,
        category.category_name,
        supplier.company_name as supplier_name,
        supplier.country as supplier_country
    from {{ northwind_vault.active_links('eff_sat_product_supplier_category', 'product_supplier_category_hk') }} as classified
    left join {{ northwind_vault.latest_satellite('sat_category', 'category_hk') }} as category
        on category.category_hk = classified.category_hk
    left join {{ northwind_vault.latest_satellite('sat_supplier', 'supplier_hk') }} as supplier
        on supplier.supplier_hk = classified.supplier_hk
),

sales as (
    select
        product_id,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(revenue) as revenue
    from {{ ref('mart_sales') }}
    group by product_id
)

select
    products.product_id,
    products.product_name,
    classification.category_name,
    classification.supplier_name,
    classification.supplier_country,
    products.list_price,
    products.discontinued,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.units_sold, 0) as units_sold,
    coalesce(sales.revenue, 0) as revenue
from products
left join classification
    on classification.product_hk = products.product_hk
left join sales
    on sales.product_id = products.product_id
