-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_line_hk, 16)']) }}

{{ northwind_vault.sat(
    source_model='stg_order_details',
    parent_key='order_line_hk',
    hashdiff='order_line_hashdiff',
    payload=northwind_vault.satellite_payload('sat_order_line'),
) }}
