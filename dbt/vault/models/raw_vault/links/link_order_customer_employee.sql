-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_customer_employee_hk, 16)']) }}

{{ northwind_vault.link(source_model='stg_orders', hash_key='order_customer_employee_hk', foreign_keys=['order_hk', 'customer_hk', 'employee_hk'], driving_key='order_hk') }}
