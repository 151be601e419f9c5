-- Revenue per customer in mart_customer_sales equals the source's, to the cent (orders without a customer
-- in one group; customers without orders count 0 on both sides).
with reference as (
    select
        coalesce(sales.customer_id, '(none)') as group_key,
        sum(sales.revenue) as revenue
    from {{ northwind_vault.source_sales() }} as sales
    group by coalesce(sales.customer_id, '(none)')
),

mart as (
    select
        coalesce(customers.customer_id, '(none)') as group_key,
        sum(customers.revenue) as revenue
    from {{ ref('mart_customer_sales') }} as customers
    group by coalesce(customers.customer_id, '(none)')
)

{{ northwind_vault.revenue_mismatches('reference', 'mart') }}
