{{ northwind_vault.sat(
    source_model='stg_suppliers',
    parent_key='supplier_hk',
    hashdiff='supplier_hashdiff',
    payload=[
        'company_name',
        'contact_name',
        'contact_title',
        'address',
        'city',
        'region',
        'postal_code',
        'country',
        'phone',
        'fax',
        'homepage',
    ],
) }}
