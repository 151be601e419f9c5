-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_shipper_hk, 16)']) }}

-- Driving key: the order. Which shipper an order goes with now (none while ship_via is null).
{{ northwind_vault.eff_sat(
    source_model='stg_orders',
    link_model='link_order_shipper',
    link_hk='order_shipper_hk',
    driving_key='order_hk',
    foreign_keys=['order_hk', 'shipper_hk'],
) }}
