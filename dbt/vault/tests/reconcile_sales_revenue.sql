-- The sales mart's total revenue equals sum(unit_price * quantity * (1 - discount)) over the raw order lines
-- of raw orders, to the cent (the raw columns are REAL, the mart uses decimals).
with raw_revenue as (
    select sum(
        cast(details.unit_price as double) * details.quantity * (1 - cast(details.discount as double))
    ) as revenue
    from {{ source('northwind_raw', 'order_details') }} as details
    where details.order_id in (select orders.order_id from {{ source('northwind_raw', 'orders') }} as orders)
),

mart_revenue as (
    select cast(sum(revenue) as double) as revenue
    from {{ ref('mart_sales') }}
)

select
    raw_revenue.revenue as raw_revenue,
    mart_revenue.revenue as mart_revenue
from raw_revenue
cross join mart_revenue
where abs(coalesce(raw_revenue.revenue, 0) - coalesce(mart_revenue.revenue, 0)) >= 0.01
