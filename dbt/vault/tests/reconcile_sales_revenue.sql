-- The sales mart's total revenue equals sum(unit_price * quantity * (1 - discount)) over the order lines of
-- orders the source holds now (the raw log's current state, macro current_state), to the cent. REAL prices and
-- discounts count at four decimals, their entered values: 19.45 is stored as 19.4500007..., and over tens of
-- thousands of lines that drift passes a cent. Staging already casts them so; the reference repeats the cast
-- so that it states its rule itself rather than trusting the project's macro.
with raw_revenue as (
    select sum(
        cast(details.unit_price as decimal(18, 4))
        * details.quantity
        * (1 - cast(details.discount as decimal(18, 4)))
    ) as revenue
    from {{ northwind_vault.current_state('stg_order_details', ['order_id', 'product_id']) }} as details
    where details.order_id in (
        select orders.order_id from {{ northwind_vault.current_state('stg_orders', ['order_id']) }} as orders
    )
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
