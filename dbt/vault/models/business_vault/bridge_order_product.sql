{#- Incremental (append): links are insert-only and every link row has its hubs, so a run appends the bridge rows
    of the links loaded since the bridge's newest load_ts. -#}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

-- One row per order line: the path order -> order line -> product with both business keys, so queries
-- about "which products were on which orders" need no walk through hubs and links.
select
    link.order_line_hk,
    link.order_hk,
    link.product_hk,
    hub_order.order_id,
    hub_product.product_id,
    link.load_ts
from {{ ref('link_order_line') }} as link
inner join {{ ref('hub_order') }} as hub_order
    on hub_order.order_hk = link.order_hk
inner join {{ ref('hub_product') }} as hub_product
    on hub_product.product_hk = link.product_hk
where {{ northwind_vault.new_rows_filter('link.load_ts') }}
