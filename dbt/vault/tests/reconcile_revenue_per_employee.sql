-- Revenue per employee in mart_employee_performance equals the source's, to the cent (orders without an
-- employee in one group; employees without orders count 0 on both sides).
with reference as (
    select
        coalesce(cast(sales.employee_id as {{ northwind_vault.string_type() }}), '(none)') as group_key,
        sum(sales.revenue) as revenue
    from {{ northwind_vault.source_sales() }} as sales
    group by coalesce(cast(sales.employee_id as {{ northwind_vault.string_type() }}), '(none)')
),

mart as (
    select
        coalesce(cast(employees.employee_id as {{ northwind_vault.string_type() }}), '(none)') as group_key,
        sum(employees.revenue) as revenue
    from {{ ref('mart_employee_performance') }} as employees
    group by coalesce(cast(employees.employee_id as {{ northwind_vault.string_type() }}), '(none)')
)

{{ northwind_vault.revenue_mismatches('reference', 'mart') }}
