-- One row per employee in the source now, plus one per employee deleted from the source whose orders are still
-- there (in_source false), plus one (employee_id null) for order lines of orders without an employee: every
-- line of mart_sales counts here exactly once (the rule in _marts.yml). With the current manager.
with employees as (
    select
        employee_id,
        employee_name,
        title,
        country,
        hire_date,
        manager_id,
        is_active
    from {{ ref('current_employee') }}
),

sales as (
    select
        employee_id,
        count(distinct order_id) as order_count,
        count(distinct customer_id) as customers_served,
        sum(quantity) as units_sold,
        sum(revenue) as revenue
    from {{ ref('mart_sales') }}
    group by employee_id
)

select
    coalesce(employees.employee_id, sales.employee_id) as employee_id,
    employees.employee_name,
    employees.title,
    employees.country,
    employees.hire_date,
    employees.manager_id,
    coalesce(employees.is_active, false) as in_source,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.customers_served, 0) as customers_served,
    coalesce(sales.units_sold, 0) as units_sold,
    coalesce(sales.revenue, 0) as revenue,
    case when sales.order_count > 0 then sales.revenue / sales.order_count end as average_order_revenue
from employees
full outer join sales
    on sales.employee_id = employees.employee_id
where employees.is_active or sales.order_count is not null
