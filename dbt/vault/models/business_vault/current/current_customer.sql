-- The current state of every customer, built once per run for all marts: the attributes in force at the PIT's
-- latest as-of date and whether the customer is in the source now.
select
    hub.customer_hk,
    hub.customer_id,
    sat.company_name,
    sat.contact_name,
    sat.city,
    sat.region,
    sat.country,
    coalesce(status.is_active, false) as is_active,
    {{ northwind_vault.newest_of(['pit.sat_customer_load_ts', 'status.load_ts']) }} as changed_ts
from {{ northwind_vault.pit_current('pit_customer') }} as pit
inner join {{ ref('hub_customer') }} as hub
    on hub.customer_hk = pit.customer_hk
inner join {{ ref('sat_customer') }} as sat
    on sat.customer_hk = pit.sat_customer_hk
    and sat.load_ts = pit.sat_customer_load_ts
left join {{ northwind_vault.latest_satellite('sts_customer', 'customer_hk') }} as status
    on status.customer_hk = hub.customer_hk
