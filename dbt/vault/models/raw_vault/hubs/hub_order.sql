-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_hk, 16)']) }}

{{ northwind_vault.hub(source_model='stg_orders', hash_key='order_hk', business_keys=['order_id']) }}
