-- The current state of every employee, built once per run for all marts: the latest attributes, whether the
-- employee is in the source now, the current manager, and the sales region: the lowest region id among the
-- territories the employee covers now (in Northwind every employee's territories lie in one region).
-- changed_ts covers the attributes, the status and the reporting line (not the territories).
with regions as (
    select
        covered.employee_hk,
        min(hub_region.region_id) as region_id
    from {{ northwind_vault.active_links('eff_sat_employee_territory', 'employee_territory_hk') }} as covered
    inner join {{ northwind_vault.active_links('eff_sat_territory_region', 'territory_region_hk') }} as territory_region
        on territory_region.territory_hk = covered.territory_hk
    inner join {{ ref('hub_region') }} as hub_region
        on hub_region.region_hk = territory_region.region_hk
    group by covered.employee_hk
),

region_names as (
    select
        hub.region_id,
        trim(sat.region_description) as region_name
    from {{ ref('hub_region') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_region', 'region_hk') }} as sat
        on sat.region_hk = hub.region_hk
)

select
    hub.employee_hk,
    hub.employee_id,
    sat.first_name || ' ' || sat.last_name as employee_name,
    sat.title,
    sat.country,
    sat.hire_date,
    coalesce(status.is_active, false) as is_active,
    manager.employee_id as manager_id,
    regions.region_id,
    region_names.region_name,
    {{ northwind_vault.newest_of(['sat.load_ts', 'status.load_ts', 'reporting_change.load_ts']) }} as changed_ts
from {{ ref('hub_employee') }} as hub
inner join {{ northwind_vault.latest_satellite('sat_employee', 'employee_hk') }} as sat
    on sat.employee_hk = hub.employee_hk
left join {{ northwind_vault.latest_satellite('sts_employee', 'employee_hk') }} as status
    on status.employee_hk = hub.employee_hk
left join {{ northwind_vault.active_links('eff_sat_employee_manager', 'employee_manager_hk') }} as reporting
    on reporting.employee_hk = hub.employee_hk
left join {{ ref('hub_employee') }} as manager
    on manager.employee_hk = reporting.manager_hk
left join {{ northwind_vault.newest_load('eff_sat_employee_manager', 'employee_hk') }} as reporting_change
    on reporting_change.employee_hk = hub.employee_hk
left join regions
    on regions.employee_hk = hub.employee_hk
left join region_names
    on region_names.region_id = regions.region_id
where hub.employee_hk <> {{ northwind_vault.unknown_key() }}
