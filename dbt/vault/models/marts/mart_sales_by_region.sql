-- One row per sales region with sales (plus one for orders whose employee covers no territory or is unknown).
-- An order belongs to the region of the employee who took it (current_employee: the lowest region id among the
-- territories the employee covers now).
select
    employees.region_id,
    coalesce(max(employees.region_name), 'Unassigned') as region_name,
    count(distinct mart_sales.order_id) as order_count,
    count(distinct mart_sales.customer_id) as customer_count,
    sum(mart_sales.quantity) as units_sold,
    sum(mart_sales.revenue) as revenue
from {{ ref('mart_sales') }} as mart_sales
left join {{ ref('current_employee') }} as employees
    on employees.employee_id = mart_sales.employee_id
group by employees.region_id
