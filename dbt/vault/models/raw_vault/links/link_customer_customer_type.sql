{{ northwind_vault.link(source_model='stg_customer_customer_demo', hash_key='customer_customer_type_hk', foreign_keys=['customer_hk', 'customer_type_hk']) }}
