{{ northwind_vault.hub(source_model='stg_customers', hash_key='customer_hk', business_keys=['customer_id']) }}
