{{ northwind_vault.hub(source_model='stg_territories', hash_key='territory_hk', business_keys=['territory_id']) }}
