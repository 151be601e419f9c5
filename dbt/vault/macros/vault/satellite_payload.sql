{#- The attributes of each satellite, declared once: the staging model hashes exactly these, in this order, into
    the satellite's hashdiff (`hashdiff(satellite_payload(...))` in its `hashed` CTE), and the satellite carries
    exactly these as its payload (`sat(..., payload=satellite_payload(...))`). So a column added to one is added
    to the other, and a satellite can never store a value its hashdiff does not cover (a change in it would be
    missed) nor hash a value it does not store. The order is part of the hashdiff: append new columns at the
    end, or every key shows a change once. -#}
{% macro satellite_payload(satellite) -%}
{%- set payloads = {
    'sat_category': [
        'category_name',
        'description',
    ],
    'sat_customer': [
        'company_name',
        'contact_name',
        'contact_title',
        'address',
        'city',
        'region',
        'postal_code',
        'country',
        'phone',
        'fax',
    ],
    'sat_customer_type': [
        'customer_desc',
    ],
    'sat_employee': [
        'last_name',
        'first_name',
        'title',
        'title_of_courtesy',
        'birth_date',
        'hire_date',
        'address',
        'city',
        'region',
        'postal_code',
        'country',
        'home_phone',
        'extension',
        'notes',
        'photo_path',
    ],
    'sat_order': [
        'order_date',
        'required_date',
        'shipped_date',
        'freight',
        'ship_name',
        'ship_address',
        'ship_city',
        'ship_region',
        'ship_postal_code',
        'ship_country',
    ],
    'sat_order_line': [
        'unit_price',
        'quantity',
        'discount',
    ],
    'sat_product': [
        'product_name',
        'quantity_per_unit',
        'unit_price',
        'units_in_stock',
        'units_on_order',
        'reorder_level',
        'discontinued',
    ],
    'sat_region': [
        'region_description',
    ],
    'sat_shipper': [
        'company_name',
        'phone',
    ],
    'sat_supplier': [
        'company_name',
        'contact_name',
        'contact_title',
        'address',
        'city',
        'region',
        'postal_code',
        'country',
        'phone',
        'fax',
        'homepage',
    ],
    'sat_territory': [
        'territory_description',
    ],
    'sat_us_state': [
        'state_name',
        'state_abbr',
        'state_region',
    ],
} -%}
{%- if satellite not in payloads -%}
{{ exceptions.raise_compiler_error(
    "no payload declared for satellite '" ~ satellite ~ "' in macros/vault/satellite_payload.sql; declared: "
    ~ (payloads.keys() | sort | join(', '))) }}
{%- endif -%}
{{ return(payloads[satellite]) }}
{%- endmacro %}
