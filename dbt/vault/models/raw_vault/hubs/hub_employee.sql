{{ northwind_vault.hub(source_model='stg_employees', hash_key='employee_hk', business_keys=['employee_id']) }}
