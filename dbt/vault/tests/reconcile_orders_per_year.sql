-- Orders per year agree between the source as it is now (the raw log's current state: orders with at least
-- one line) and the country/year mart.
with raw_counts as (
    select
        coalesce(extract(year from orders.order_date), -1) as order_year,
        count(distinct orders.order_id) as order_count
    from {{ northwind_vault.current_state('stg_orders', ['order_id']) }} as orders
    where orders.order_id in (
        select details.order_id
        from {{ northwind_vault.current_state('stg_order_details', ['order_id', 'product_id']) }} as details
    )
    group by coalesce(extract(year from orders.order_date), -1)
),

mart_counts as (
    select
        coalesce(order_year, -1) as order_year,
        sum(order_count) as order_count
    from {{ ref('mart_sales_by_country_year') }}
    group by coalesce(order_year, -1)
)

select
    coalesce(raw_counts.order_year, mart_counts.order_year) as order_year,
    raw_counts.order_count as raw_order_count,
    mart_counts.order_count as mart_order_count
from raw_counts
full outer join mart_counts
    on mart_counts.order_year = raw_counts.order_year
where raw_counts.order_count is null
    or mart_counts.order_count is null
    or raw_counts.order_count <> mart_counts.order_count
