{{ northwind_vault.link(source_model='stg_products', hash_key='product_supplier_category_hk', foreign_keys=['product_hk', 'supplier_hk', 'category_hk'], driving_key='product_hk') }}
