-- Athena: Iceberg hidden partitioning on the hash key, which every incremental step joins on.
{{ config(partitioned_by=['bucket(order_hk, 16)']) }}

{{ northwind_vault.sat(
    source_model='stg_orders',
    parent_key='order_hk',
    hashdiff='order_hashdiff',
    payload=[
        'order_date',
        'required_date',
        'shipped_date',
        'freight',
        'ship_name',
        'ship_address',
        'ship_city',
        'ship_region',
        'ship_postal_code',
        'ship_country',
    ],
) }}
