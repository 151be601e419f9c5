-- The sales mart's total revenue equals sum(unit_price * quantity * (1 - discount)) over the raw order lines
-- of raw orders, to the cent. The raw prices and discounts are REAL (float32): their binary values differ from
-- the entered ones (19.45 is stored as 19.4500007...), and over tens of thousands of lines that drift passes a
-- cent. The vault's documented rule takes REAL values at four decimals (the entered values), so the reference
-- applies the same rule, written out here rather than through the project's macro.
with raw_revenue as (
    select sum(
        cast(details.unit_price as decimal(18, 4))
        * details.quantity
        * (1 - cast(details.discount as decimal(18, 4)))
    ) as revenue
    from {{ source('northwind_raw', 'order_details') }} as details
    where details.order_id in (select orders.order_id from {{ source('northwind_raw', 'orders') }} as orders)
),

mart_revenue as (
    select sum(revenue) as revenue
    from {{ ref('mart_sales') }}
)

select
    raw_revenue.revenue as raw_revenue,
    mart_revenue.revenue as mart_revenue
from raw_revenue
cross join mart_revenue
where abs(coalesce(raw_revenue.revenue, 0) - coalesce(mart_revenue.revenue, 0)) >= 0.01
