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

{#- (mart, its units column, what its order counts count): an order holds several products, so per product
    its order lines add up. -#}
{%- set marts = [
    ('mart_customer_sales', 'units_bought', 'orders'),
    ('mart_employee_performance', 'units_sold', 'orders'),
    ('mart_sales_by_country_year', 'units_sold', 'orders'),
    ('mart_sales_by_region', 'units_sold', 'orders'),
    ('mart_product_sales', 'units_sold', 'order_lines'),
] %}

totals as (
    {%- for mart, units_column, counted in marts %}
    select
        '{{ mart }}' as mart,
        sum(mart_rows.revenue) as revenue,
        sum(mart_rows.{{ units_column }}) as units,
        sum(mart_rows.order_count) as orders,
        '{{ counted }}' as counted
    from {{ ref(mart) }} as mart_rows
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
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
