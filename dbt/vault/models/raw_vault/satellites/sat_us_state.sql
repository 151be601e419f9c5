{{ northwind_vault.sat(
    source_model='stg_us_states',
    parent_key='us_state_hk',
    hashdiff='us_state_hashdiff',
    payload=northwind_vault.satellite_payload('sat_us_state'),
) }}
