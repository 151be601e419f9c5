{{ northwind_vault.link(source_model='stg_orders', hash_key='order_customer_employee_hk', foreign_keys=['order_hk', 'customer_hk', 'employee_hk']) }}
