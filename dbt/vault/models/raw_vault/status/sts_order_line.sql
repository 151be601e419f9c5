-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_line_hk, 16)']) }}

{{ northwind_vault.status_sat(source_model='stg_order_details', parent_model='link_order_line', parent_key='order_line_hk') }}
