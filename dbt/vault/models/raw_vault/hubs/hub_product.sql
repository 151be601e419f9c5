{{ northwind_vault.hub(source_model='stg_products', hash_key='product_hk', business_keys=['product_id']) }}
