{{ northwind_vault.sat(
    source_model='stg_us_states',
    parent_key='us_state_hk',
    hashdiff='us_state_hashdiff',
    payload=[
        'state_name',
        'state_abbr',
        'state_region',
    ],
) }}
