{{ northwind_vault.link(source_model='stg_territories', hash_key='territory_region_hk', foreign_keys=['territory_hk', 'region_hk'], driving_key='territory_hk') }}
