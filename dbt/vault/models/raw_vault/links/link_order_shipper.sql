{{ northwind_vault.link(source_model='stg_orders', hash_key='order_shipper_hk', foreign_keys=['order_hk', 'shipper_hk']) }}
