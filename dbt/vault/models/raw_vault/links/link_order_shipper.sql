-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_shipper_hk, 16)']) }}

{{ northwind_vault.link(source_model='stg_orders', hash_key='order_shipper_hk', foreign_keys=['order_hk', 'shipper_hk'], driving_key='order_hk') }}
