{{ northwind_vault.sat(
    source_model='stg_region',
    parent_key='region_hk',
    hashdiff='region_hashdiff',
    payload=[
        'region_description',
    ],
) }}
