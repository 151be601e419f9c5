{{ northwind_vault.sat(
    source_model='stg_products',
    parent_key='product_hk',
    hashdiff='product_hashdiff',
    payload=northwind_vault.satellite_payload('sat_product'),
) }}
