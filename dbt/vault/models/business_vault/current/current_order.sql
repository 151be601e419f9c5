-- The current state of every order, built once per run for all marts: the latest attributes, whether the order
-- is in the source now, the customer, employee and shipper in force (the unknown member where the source has
-- none), and the shipper's name. changed_ts covers all of them, ended relationships included.
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
inner join {{ northwind_vault.latest_satellite('sat_order', 'order_hk') }} as sat
    on sat.order_hk = hub.order_hk
left join {{ northwind_vault.latest_satellite('sts_order', 'order_hk') }} as status
    on status.order_hk = hub.order_hk
left join {{ northwind_vault.active_links('eff_sat_order_customer_employee', 'order_customer_employee_hk') }} as parties
    on parties.order_hk = hub.order_hk
left join {{ northwind_vault.newest_load('eff_sat_order_customer_employee', 'order_hk') }} as parties_change
    on parties_change.order_hk = hub.order_hk
left join {{ northwind_vault.active_links('eff_sat_order_shipper', 'order_shipper_hk') }} as shipping
    on shipping.order_hk = hub.order_hk
left join {{ northwind_vault.newest_load('eff_sat_order_shipper', 'order_hk') }} as shipping_change
    on shipping_change.order_hk = hub.order_hk
left join {{ ref('hub_shipper') }} as hub_shipper
    on hub_shipper.shipper_hk = shipping.shipper_hk
left join {{ northwind_vault.latest_satellite('sat_shipper', 'shipper_hk') }} as shipper
    on shipper.shipper_hk = shipping.shipper_hk
where hub.order_hk <> {{ northwind_vault.unknown_key() }}
