-- Every distinct business key in the raw layer has exactly one hub row: returns the hubs where the count of
-- distinct raw keys differs from the count of hub rows for those keys (hubs keep deleted keys too, so the
-- comparison is over the keys the raw layer holds now).
{%- set hubs = [
    ('hub_customer', 'customers', 'customer_id'),
    ('hub_order', 'orders', 'order_id'),
    ('hub_product', 'products', 'product_id'),
    ('hub_employee', 'employees', 'employee_id'),
    ('hub_category', 'categories', 'category_id'),
    ('hub_supplier', 'suppliers', 'supplier_id'),
    ('hub_shipper', 'shippers', 'shipper_id'),
    ('hub_region', 'region', 'region_id'),
    ('hub_territory', 'territories', 'territory_id'),
    ('hub_us_state', 'us_states', 'state_id'),
    ('hub_customer_type', 'customer_demographics', 'customer_type_id'),
] %}

{% for hub, raw_table, business_key in hubs %}
{%- if not loop.first %}
union all
{% endif -%}
select
    '{{ hub }}' as hub,
    raw_keys.key_count as raw_key_count,
    matched.key_count as hub_row_count
from (
    select count(distinct {{ business_key }}) as key_count
    from {{ source('northwind_raw', raw_table) }}
) as raw_keys
cross join (
    select count(*) as key_count
    from {{ ref(hub) }} as hub
    where cast(hub.{{ business_key }} as {{ northwind_vault.string_type() }}) in (
        select cast(raw.{{ business_key }} as {{ northwind_vault.string_type() }})
        from {{ source('northwind_raw', raw_table) }} as raw
    )
) as matched
where raw_keys.key_count <> matched.key_count
{% endfor %}
