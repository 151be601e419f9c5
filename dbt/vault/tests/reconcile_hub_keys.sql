-- Every business key the source holds now (the raw log's current state) has exactly one hub row: returns the
-- hubs where the count of current raw keys differs from the count of hub rows for those keys (hubs keep
-- deleted keys too, so the comparison is over the keys the source holds now). Keys are counted by hash key:
-- spellings that the hashing standard makes one key ('ALFKI', 'alfki') are one hub row.
{%- set hubs = [
    ('hub_customer', 'stg_customers', 'customer_id', 'customer_hk'),
    ('hub_order', 'stg_orders', 'order_id', 'order_hk'),
    ('hub_product', 'stg_products', 'product_id', 'product_hk'),
    ('hub_employee', 'stg_employees', 'employee_id', 'employee_hk'),
    ('hub_category', 'stg_categories', 'category_id', 'category_hk'),
    ('hub_supplier', 'stg_suppliers', 'supplier_id', 'supplier_hk'),
    ('hub_shipper', 'stg_shippers', 'shipper_id', 'shipper_hk'),
    ('hub_region', 'stg_region', 'region_id', 'region_hk'),
    ('hub_territory', 'stg_territories', 'territory_id', 'territory_hk'),
    ('hub_us_state', 'stg_us_states', 'state_id', 'us_state_hk'),
    ('hub_customer_type', 'stg_customer_demographics', 'customer_type_id', 'customer_type_hk'),
] %}

{% for hub, staging_model, business_key, hash_key in hubs %}
{%- if not loop.first %}
union all
{% endif -%}
select
    '{{ hub }}' as hub,
    raw_keys.key_count as raw_key_count,
    matched.key_count as hub_row_count
from (
    select count(distinct current_rows.{{ hash_key }}) as key_count
    from {{ northwind_vault.current_state(staging_model, [business_key]) }} as current_rows
    where current_rows.{{ hash_key }} <> {{ northwind_vault.zero_key() }}
) as raw_keys
cross join (
    select count(*) as key_count
    from {{ ref(hub) }} as hub
    where hub.{{ hash_key }} in (
        select current_rows.{{ hash_key }}
        from {{ northwind_vault.current_state(staging_model, [business_key]) }} as current_rows
    )
) as matched
where raw_keys.key_count <> matched.key_count
{% endfor %}
