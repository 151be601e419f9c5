{#- Incremental: a run recomputes the order lines with a newer row in their satellite or status satellite and
    merges them on order_line_hk (macros/vault/current_layer.sql). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='merge',
    unique_key='order_line_hk',
    on_schema_change='fail',
) }}

-- The current state of every order line ever loaded, built once per run for all marts: the latest quantities
-- and prices and whether the line is in the source now (deleted lines stay, with is_active false, so an
-- incremental mart can see that they left).
{%- if is_incremental() %}
with changed_keys as (
    {{- northwind_vault.keys_changed_since_last_run('order_line_hk', ['sat_order_line', 'sts_order_line']) | indent(4) }}
)
{%- endif %}

select
    link.order_line_hk,
    link.order_hk,
    link.product_hk,
    line.unit_price,
    line.quantity,
    line.discount,
    coalesce(status.is_active, false) as is_active,
    {{ northwind_vault.newest_of(['line.load_ts', 'status.load_ts']) }} as changed_ts
from {{ ref('link_order_line') }} as link
inner join {{ northwind_vault.latest_satellite('sat_order_line', 'order_line_hk', 'order_line_hk') }} as line
    on line.order_line_hk = link.order_line_hk
left join {{ northwind_vault.latest_satellite('sts_order_line', 'order_line_hk', 'order_line_hk') }} as status
    on status.order_line_hk = link.order_line_hk
{{- northwind_vault.among_changed_keys('link', 'order_line_hk') }}
