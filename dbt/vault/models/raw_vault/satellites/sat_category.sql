{{ northwind_vault.sat(
    source_model='stg_categories',
    parent_key='category_hk',
    hashdiff='category_hashdiff',
    payload=northwind_vault.satellite_payload('sat_category'),
) }}
