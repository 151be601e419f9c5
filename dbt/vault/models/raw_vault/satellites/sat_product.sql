{{ northwind_vault.sat(
    source_model='stg_products',
    parent_key='product_hk',
    hashdiff='product_hashdiff',
    payload=[
        'product_name',
        'quantity_per_unit',
        'unit_price',
        'units_in_stock',
        'units_on_order',
        'reorder_level',
        'discontinued',
    ],
) }}
