{{ northwind_vault.link(source_model='stg_employee_territories', hash_key='employee_territory_hk', foreign_keys=['employee_hk', 'territory_hk']) }}
