{{ northwind_vault.sat(
    source_model='stg_region',
    parent_key='region_hk',
    hashdiff='region_hashdiff',
    payload=northwind_vault.satellite_payload('sat_region'),
) }}
