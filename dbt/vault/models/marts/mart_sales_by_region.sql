-- One row per sales region (plus one for orders whose employee covers no territory). An order belongs to the
-- region of the employee who took it; an employee's region is the lowest region id among the territories the
-- employee currently covers (in Northwind every employee's territories lie in one region).
with active_territories as (
    select
        eff.employee_hk,
        eff.territory_hk
    from {{ northwind_vault.active_links('eff_sat_employee_territory', 'employee_territory_hk') }} as eff
),

employee_regions as (
    select
        hub_employee.employee_id,
        min(hub_region.region_id) as region_id
    from active_territories
    inner join {{ ref('hub_employee') }} as hub_employee
        on hub_employee.employee_hk = active_territories.employee_hk
    inner join {{ northwind_vault.active_links('eff_sat_territory_region', 'territory_region_hk') }} as territory_region
        on territory_region.territory_hk = active_territories.territory_hk
    inner join {{ ref('hub_region') }} as hub_region
        on hub_region.region_hk = territory_region.region_hk
    group by hub_employee.employee_id
),

regions as (
    select
        hub.region_id,
        trim(sat.region_description) as region_name
    from {{ ref('hub_region') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_region', 'region_hk') }} as sat
        on sat.region_hk = hub.region_hk
),

sales as (
    select
        employee_regions.region_id,
        count(distinct mart_sales.order_id) as order_count,
        count(distinct mart_sales.customer_id) as customer_count,
        sum(mart_sales.revenue) as revenue
    from {{ ref('mart_sales') }} as mart_sales
    left join employee_regions
        on employee_regions.employee_id = mart_sales.employee_id
    group by employee_regions.region_id
)

select
    sales.region_id,
    coalesce(regions.region_name, 'Unassigned') as region_name,
    sales.order_count,
    sales.customer_count,
    sales.revenue
from sales
left join regions
    on regions.region_id = sales.region_id
