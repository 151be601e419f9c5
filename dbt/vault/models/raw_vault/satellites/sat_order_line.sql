{{ northwind_vault.sat(
    source_model='stg_order_details',
    parent_key='order_line_hk',
    hashdiff='order_line_hashdiff',
    payload=[
        'unit_price',
        'quantity',
        'discount',
    ],
) }}
