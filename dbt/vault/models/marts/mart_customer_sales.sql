-- One row per customer in the source now, plus one per customer deleted from the source whose orders are still
-- there (in_source false), plus one (customer_id null) for order lines of orders without a customer: every
-- line of mart_sales counts here exactly once (the rule in _marts.yml).
with customers as (
    select
        customer_id,
        company_name,
        city,
        country,
        is_active
    from {{ ref('current_customer') }}
),

sales as (
    select
        customer_id,
        count(distinct order_id) as order_count,
        sum(quantity) as units_bought,
        sum(revenue) as revenue,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from {{ ref('mart_sales') }}
    group by customer_id
)

select
    coalesce(customers.customer_id, sales.customer_id) as customer_id,
    customers.company_name,
    customers.city,
    customers.country,
    coalesce(customers.is_active, false) as in_source,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.units_bought, 0) as units_bought,
    coalesce(sales.revenue, 0) as revenue,
    sales.first_order_date,
    sales.last_order_date
from customers
full outer join sales
    on sales.customer_id = customers.customer_id
where customers.is_active or sales.order_count is not null
