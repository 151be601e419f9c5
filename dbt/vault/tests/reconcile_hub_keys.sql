-- Every business key the source holds now (the raw log's current state) has exactly one hub row: returns the
-- hubs where the count of current raw keys differs from the count of hub rows for those keys (hubs keep
-- deleted keys too, so the comparison is over the keys the source holds now).
{%- set hubs = [
    ('hub_customer', 'stg_customers', 'customer_id'),
    ('hub_order', 'stg_orders', 'order_id'),
    ('hub_product', 'stg_products', 'product_id'),
    ('hub_employee', 'stg_employees', 'employee_id'),
    ('hub_category', 'stg_categories', 'category_id'),
    ('hub_supplier', 'stg_suppliers', 'supplier_id'),
    ('hub_shipper', 'stg_shippers', 'shipper_id'),
    ('hub_region', 'stg_region', 'region_id'),
    ('hub_territory', 'stg_territories', 'territory_id'),
    ('hub_us_state', 'stg_us_states', 'state_id'),
    ('hub_customer_type', 'stg_customer_demographics', 'customer_type_id'),
] %}

{% for hub, staging_model, business_key in hubs %}
{%- if not loop.first %}
union all
{% endif -%}
select
    '{{ hub }}' as hub,
    raw_keys.key_count as raw_key_count,
    matched.key_count as hub_row_count
from (
    select count(distinct current_rows.{{ business_key }}) as key_count
    from {{ northwind_vault.current_state(staging_model, [business_key]) }} as current_rows
) as raw_keys
cross join (
    select count(*) as key_count
    from {{ ref(hub) }} as hub
    where cast(hub.{{ business_key }} as {{ northwind_vault.string_type() }}) in (
        select cast(current_rows.{{ business_key }} as {{ northwind_vault.string_type() }})
        from {{ northwind_vault.current_state(staging_model, [business_key]) }} as current_rows
    )
) as matched
where raw_keys.key_count <> matched.key_count
{% endfor %}
