{{ northwind_vault.sat(
    source_model='stg_shippers',
    parent_key='shipper_hk',
    hashdiff='shipper_hashdiff',
    payload=[
        'company_name',
        'phone',
    ],
) }}
