{{ northwind_vault.status_sat(source_model='stg_employees', parent_model='hub_employee', parent_key='employee_hk') }}
