{{ northwind_vault.sat(
    source_model='stg_customer_demographics',
    parent_key='customer_type_hk',
    hashdiff='customer_type_hashdiff',
    payload=northwind_vault.satellite_payload('sat_customer_type'),
) }}
