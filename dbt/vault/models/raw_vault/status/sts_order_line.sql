{{ northwind_vault.status_sat(source_model='stg_order_details', parent_model='link_order_line', parent_key='order_line_hk') }}
