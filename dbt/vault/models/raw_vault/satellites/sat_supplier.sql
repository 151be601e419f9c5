{{ northwind_vault.sat(
    source_model='stg_suppliers',
    parent_key='supplier_hk',
    hashdiff='supplier_hashdiff',
    payload=northwind_vault.satellite_payload('sat_supplier'),
) }}
