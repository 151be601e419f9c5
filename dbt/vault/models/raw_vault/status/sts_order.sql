{{ northwind_vault.status_sat(source_model='stg_orders', parent_model='hub_order', parent_key='order_hk') }}
