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
