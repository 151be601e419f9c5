{{ northwind_vault.status_sat(source_model='stg_products', parent_model='hub_product', parent_key='product_hk') }}
