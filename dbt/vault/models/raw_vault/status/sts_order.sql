-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_hk, 16)']) }}

{{ northwind_vault.status_sat(source_model='stg_orders', parent_model='hub_order', parent_key='order_hk') }}
