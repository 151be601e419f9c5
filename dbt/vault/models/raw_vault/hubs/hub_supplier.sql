{{ northwind_vault.hub(source_model='stg_suppliers', hash_key='supplier_hk', business_keys=['supplier_id']) }}
