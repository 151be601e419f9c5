{{ northwind_vault.pit(hub_model='hub_customer', hash_key='customer_hk', satellites=['sat_customer']) }}
