{{ northwind_vault.pit(hub_model='hub_product', hash_key='product_hk', satellites=['sat_product']) }}
