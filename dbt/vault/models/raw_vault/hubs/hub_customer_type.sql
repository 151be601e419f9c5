{{ northwind_vault.hub(source_model='stg_customer_demographics', hash_key='customer_type_hk', business_keys=['customer_type_id']) }}
