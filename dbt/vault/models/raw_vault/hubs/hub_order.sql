{{ northwind_vault.hub(source_model='stg_orders', hash_key='order_hk', business_keys=['order_id']) }}
