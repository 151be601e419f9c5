-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_hk, 16)']) }}

{{ northwind_vault.sat(
    source_model='stg_orders',
    parent_key='order_hk',
    hashdiff='order_hashdiff',
    payload=northwind_vault.satellite_payload('sat_order'),
) }}
