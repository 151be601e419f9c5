-- Revenue per employee in mart_employee_performance equals the source's, to the cent (orders without an
-- employee in one group; employees without orders count 0 on both sides).
{{ northwind_vault.revenue_by_group_mismatches('employee_id', 'mart_employee_performance') }}
