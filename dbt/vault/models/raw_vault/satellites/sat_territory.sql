{{ northwind_vault.sat(
    source_model='stg_territories',
    parent_key='territory_hk',
    hashdiff='territory_hashdiff',
    payload=northwind_vault.satellite_payload('sat_territory'),
) }}
