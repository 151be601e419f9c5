-- One row per employee: orders taken, customers served and revenue, with the current manager.
with employees as (
    select
        hub.employee_hk,
        hub.employee_id,
        sat.first_name || ' ' || sat.last_name as employee_name,
        sat.title,
        sat.country,
        sat.hire_date
    from {{ ref('hub_employee') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_employee', 'employee_hk') }} as sat
        on sat.employee_hk = hub.employee_hk
    inner join {{ northwind_vault.active_keys('sts_employee', 'employee_hk') }} as active_employee
        on active_employee.employee_hk = hub.employee_hk
),

managers as (
    select
        reporting.employee_hk,
        manager.employee_id as manager_id
    from {{ northwind_vault.active_links('eff_sat_employee_manager', 'employee_manager_hk') }} as reporting
    inner join {{ ref('hub_employee') }} as manager
        on manager.employee_hk = reporting.manager_hk
),

sales as (
    select
        employee_id,
        count(distinct order_id) as order_count,
        count(distinct customer_id) as customers_served,
        sum(revenue) as revenue
    from {{ ref('mart_sales') }}
    group by employee_id
)

select
    employees.employee_id,
    employees.employee_name,
    employees.title,
    employees.country,
    employees.hire_date,
    managers.manager_id,
    coalesce(sales.order_count, 0) as order_count,
    coalesce(sales.customers_served, 0) as customers_served,
    coalesce(sales.revenue, 0) as revenue,
    case when sales.order_count > 0 then sales.revenue / sales.order_count end as average_order_revenue
from employees
left join managers
    on managers.employee_hk = employees.employee_hk
left join sales
    on sales.employee_id = employees.employee_id
