{{ northwind_vault.sat(
    source_model='stg_employees',
    parent_key='employee_hk',
    hashdiff='employee_hashdiff',
    payload=northwind_vault.satellite_payload('sat_employee'),
) }}
