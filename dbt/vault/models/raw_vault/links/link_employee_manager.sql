{{ northwind_vault.link(source_model='stg_employees', hash_key='employee_manager_hk', foreign_keys=['employee_hk', 'manager_hk'], driving_key='employee_hk') }}
