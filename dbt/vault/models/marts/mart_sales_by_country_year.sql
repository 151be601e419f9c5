-- One row per customer country and order year.
select
    customer_country,
    order_year,
    count(distinct order_id) as order_count,
    count(distinct customer_id) as customer_count,
    sum(quantity) as units_sold,
    sum(revenue) as revenue
from {{ ref('mart_sales') }}
group by customer_country, order_year
