{{ northwind_vault.hub(source_model='stg_us_states', hash_key='us_state_hk', business_keys=['state_id']) }}
