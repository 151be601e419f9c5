-- Driving key: the territory. Which region a territory lies in now.
{{ northwind_vault.eff_sat(
    source_model='stg_territories',
    link_model='link_territory_region',
    link_hk='territory_region_hk',
    driving_key='territory_hk',
    foreign_keys=['territory_hk', 'region_hk'],
) }}
