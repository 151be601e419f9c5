-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_customer_employee_hk, 16)']) }}

-- Driving key: the order. Which customer and employee an order belongs to now.
{{ northwind_vault.eff_sat(
    source_model='stg_orders',
    link_model='link_order_customer_employee',
    link_hk='order_customer_employee_hk',
    driving_key='order_hk',
    foreign_keys=['order_hk', 'customer_hk', 'employee_hk'],
) }}
