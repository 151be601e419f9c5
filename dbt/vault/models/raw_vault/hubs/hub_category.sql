{{ northwind_vault.hub(source_model='stg_categories', hash_key='category_hk', business_keys=['category_id']) }}
