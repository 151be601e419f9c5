-- The current state of every product, built once per run for all marts: the attributes in force at the PIT's
-- latest as-of date, whether the product is in the source now, and its current category and supplier.
select
    hub.product_hk,
    hub.product_id,
    sat.product_name,
    sat.unit_price as list_price,
    sat.discontinued,
    coalesce(status.is_active, false) as is_active,
    classified.category_hk,
    category.category_name,
    classified.supplier_hk,
    supplier.company_name as supplier_name,
    supplier.country as supplier_country,
    {{ northwind_vault.newest_of([
        'pit.sat_product_load_ts',
        'status.load_ts',
        'classification_change.load_ts',
        'category.load_ts',
        'supplier.load_ts',
    ]) }} as changed_ts
from {{ northwind_vault.pit_current('pit_product') }} as pit
inner join {{ ref('hub_product') }} as hub
    on hub.product_hk = pit.product_hk
inner join {{ ref('sat_product') }} as sat
    on sat.product_hk = pit.sat_product_hk
    and sat.load_ts = pit.sat_product_load_ts
left join {{ northwind_vault.latest_satellite('sts_product', 'product_hk') }} as status
    on status.product_hk = hub.product_hk
left join {{ northwind_vault.active_links('eff_sat_product_supplier_category', 'product_supplier_category_hk') }} as classified
    on classified.product_hk = hub.product_hk
left join {{ northwind_vault.newest_load('eff_sat_product_supplier_category', 'product_hk') }} as classification_change
    on classification_change.product_hk = hub.product_hk
left join {{ northwind_vault.latest_satellite('sat_category', 'category_hk') }} as category
    on category.category_hk = classified.category_hk
left join {{ northwind_vault.latest_satellite('sat_supplier', 'supplier_hk') }} as supplier
    on supplier.supplier_hk = classified.supplier_hk
