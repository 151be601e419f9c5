-- The marts agree with each other (the rule on deleted entities in marts/_marts.yml): every sale of mart_sales
-- counts exactly once in every aggregate mart, so revenue and units add up to mart_sales' totals exactly, and so
-- do order counts wherever an order belongs to one row (one customer, one employee, one country and year, one
-- region); per product, the order counts add up to the number of order lines. Returns the marts that differ.
with reference as (
    select
        sum(sales.revenue) as revenue,
        sum(sales.quantity) as units,
        count(distinct sales.order_id) as orders,
        count(*) as order_lines
    from {{ ref('mart_sales') }} as sales
),

totals as (
    select
        'mart_customer_sales' as mart,
        sum(customers.revenue) as revenue,
        sum(customers.units_bought) as units,
        sum(customers.order_count) as orders,
        'orders' as counted
    from {{ ref('mart_customer_sales') }} as customers
    union all
    select
        'mart_employee_performance' as mart,
        sum(employees.revenue) as revenue,
        sum(employees.units_sold) as units,
        sum(employees.order_count) as orders,
        'orders' as counted
    from {{ ref('mart_employee_performance') }} as employees
    union all
    select
        'mart_sales_by_country_year' as mart,
        sum(by_year.revenue) as revenue,
        sum(by_year.units_sold) as units,
        sum(by_year.order_count) as orders,
        'orders' as counted
    from {{ ref('mart_sales_by_country_year') }} as by_year
    union all
    select
        'mart_sales_by_region' as mart,
        sum(by_region.revenue) as revenue,
        sum(by_region.units_sold) as units,
        sum(by_region.order_count) as orders,
        'orders' as counted
    from {{ ref('mart_sales_by_region') }} as by_region
    union all
    select
        'mart_product_sales' as mart,
        sum(products.revenue) as revenue,
        sum(products.units_sold) as units,
        sum(products.order_count) as orders,
        'order_lines' as counted  -- an order holds several products: per product, its order lines add up
    from {{ ref('mart_product_sales') }} as products
)

select
    totals.mart,
    totals.revenue,
    reference.revenue as sales_revenue,
    totals.units,
    reference.units as sales_units,
    totals.orders,
    case when totals.counted = 'orders' then reference.orders else reference.order_lines end as sales_orders
from totals
cross join reference
where coalesce(totals.revenue, 0) <> coalesce(reference.revenue, 0)
    or coalesce(totals.units, 0) <> coalesce(reference.units, 0)
    or coalesce(totals.orders, 0)
    <> coalesce(case when totals.counted = 'orders' then reference.orders else reference.order_lines end, 0)
