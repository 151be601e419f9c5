{{ northwind_vault.link(source_model='stg_order_details', hash_key='order_line_hk', foreign_keys=['order_hk', 'product_hk']) }}
