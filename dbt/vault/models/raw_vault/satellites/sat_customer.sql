{{ northwind_vault.sat(
    source_model='stg_customers',
    parent_key='customer_hk',
    hashdiff='customer_hashdiff',
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
    ],
) }}
