-- One row per product in the source now, plus one per product deleted from the source whose order lines are
-- still there (in_source false): every line of mart_sales counts here exactly once (the rule in _marts.yml).
-- With the current product, category and supplier attributes.
with products as (
    select
        product_id,
        product_name,
        category_name,
        supplier_name,
        supplier_country,
        list_price,
        discontinued,
        is_active
    from {{ ref('current_product') }}
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
    products.category_name,
    products.supplier_name,
    products.supplier_country,
    products.list_price,
    products.is_active as in_source,
    products.discontinued,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.units_sold, 0) as units_sold,
    coalesce(sales.revenue, 0) as revenue
from products
left join sales
    on sales.product_id = products.product_id
where products.is_active or sales.order_count is not null
