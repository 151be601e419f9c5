{{ northwind_vault.hub(source_model='stg_region', hash_key='region_hk', business_keys=['region_id']) }}
