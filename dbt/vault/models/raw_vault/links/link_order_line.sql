-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_line_hk, 16)']) }}

{{ northwind_vault.link(source_model='stg_order_details', hash_key='order_line_hk', foreign_keys=['order_hk', 'product_hk']) }}
