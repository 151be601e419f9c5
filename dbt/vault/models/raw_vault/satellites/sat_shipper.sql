{{ northwind_vault.sat(
    source_model='stg_shippers',
    parent_key='shipper_hk',
    hashdiff='shipper_hashdiff',
    payload=northwind_vault.satellite_payload('sat_shipper'),
) }}
