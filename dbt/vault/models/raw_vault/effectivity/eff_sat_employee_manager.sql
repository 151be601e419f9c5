-- Driving key: the employee. Whom an employee reports to now (none at the top, reports_to null).
{{ northwind_vault.eff_sat(
    source_model='stg_employees',
    link_model='link_employee_manager',
    link_hk='employee_manager_hk',
    driving_key='employee_hk',
    foreign_keys=['employee_hk', 'manager_hk'],
) }}
