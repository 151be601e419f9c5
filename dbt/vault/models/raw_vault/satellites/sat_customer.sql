{{ northwind_vault.sat(
    source_model='stg_customers',
    parent_key='customer_hk',
    hashdiff='customer_hashdiff',
    payload=northwind_vault.satellite_payload('sat_customer'),
) }}
