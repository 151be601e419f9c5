{#- Incremental: a run recomputes the orders with a newer row in their satellite, status or effectivity
    satellites, and those whose shipper's name changed, and merges them on order_hk
    (macros/vault/current_layer.sql). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='order_hk',
    on_schema_change='fail',
) }}

-- The current state of every order, built once per run for all marts: the latest attributes, whether the order
-- is in the source now, the customer, employee and shipper in force (the unknown member where the source has
-- none), and the shipper's name. changed_ts covers all of them, ended relationships included.
{%- if is_incremental() %}
{%- set renamed_shippers_orders -%}
select shipped.order_hk from {{ this }} as shipped
where shipped.shipper_hk in (
    select renamed.shipper_hk from {{ ref('sat_shipper') }} as renamed
    where renamed.load_ts > {{ northwind_vault.loaded_watermark('changed_ts') }}
)
{%- endset %}
with changed_keys as (
    {{- northwind_vault.keys_changed_since_last_run(
        'order_hk',
        ['sat_order', 'sts_order', 'eff_sat_order_customer_employee', 'eff_sat_order_shipper'],
        extra=renamed_shippers_orders,
    ) | indent(4) }}
)
{%- endif %}

select
    hub.order_hk,
    hub.order_id,
    sat.order_date,
    sat.shipped_date,
    sat.ship_country,
    coalesce(status.is_active, false) as is_active,
    parties.customer_hk,
    parties.employee_hk,
    shipping.shipper_hk,
    hub_shipper.shipper_id,
    shipper.company_name as shipper_name,
    {{ northwind_vault.newest_of([
        'sat.load_ts',
        'status.load_ts',
        'parties_change.load_ts',
        'shipping_change.load_ts',
        'shipper.load_ts',
    ]) }} as changed_ts
from {{ ref('hub_order') }} as hub
inner join {{ northwind_vault.latest_satellite('sat_order', 'order_hk', 'order_hk') }} as sat
    on sat.order_hk = hub.order_hk
left join {{ northwind_vault.latest_satellite('sts_order', 'order_hk', 'order_hk') }} as status
    on status.order_hk = hub.order_hk
left join {{ northwind_vault.active_links('eff_sat_order_customer_employee', 'order_customer_employee_hk', 'order_hk') }} as parties
    on parties.order_hk = hub.order_hk
left join {{ northwind_vault.newest_load('eff_sat_order_customer_employee', 'order_hk', 'order_hk') }} as parties_change
    on parties_change.order_hk = hub.order_hk
left join {{ northwind_vault.active_links('eff_sat_order_shipper', 'order_shipper_hk', 'order_hk') }} as shipping
    on shipping.order_hk = hub.order_hk
left join {{ northwind_vault.newest_load('eff_sat_order_shipper', 'order_hk', 'order_hk') }} as shipping_change
    on shipping_change.order_hk = hub.order_hk
left join {{ ref('hub_shipper') }} as hub_shipper
    on hub_shipper.shipper_hk = shipping.shipper_hk
left join {{ northwind_vault.latest_satellite('sat_shipper', 'shipper_hk') }} as shipper
    on shipper.shipper_hk = shipping.shipper_hk
where hub.order_hk <> {{ northwind_vault.unknown_key() }}
{%- if is_incremental() %}
    and hub.order_hk in (select changed_keys.order_hk from changed_keys)
{%- endif %}
