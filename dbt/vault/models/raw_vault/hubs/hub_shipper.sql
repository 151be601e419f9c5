{{ northwind_vault.hub(source_model='stg_shippers', hash_key='shipper_hk', business_keys=['shipper_id']) }}
