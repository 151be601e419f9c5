{{ northwind_vault.status_sat(source_model='stg_customers', parent_model='hub_customer', parent_key='customer_hk') }}
