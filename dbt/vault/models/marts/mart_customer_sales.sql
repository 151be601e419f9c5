-- One row per customer: what each customer bought, from the current satellite rows.
with customers as (
    select
        hub.customer_id,
        sat.company_name,
        sat.city,
        sat.country
    from {{ ref('hub_customer') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_customer', 'customer_hk') }} as sat
        on sat.customer_hk = hub.customer_hk
    inner join {{ northwind_vault.active_keys('sts_customer', 'customer_hk') }} as active_customer
        on active_customer.customer_hk = hub.customer_hk
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
    customers.customer_id,
    customers.company_name,
    customers.city,
    customers.country,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.units_bought, 0) as units_bought,
    coalesce(sales.revenue, 0) as revenue,
    sales.first_order_date,
    sales.last_order_date
from customers
left join sales
    on sales.customer_id = customers.customer_id
