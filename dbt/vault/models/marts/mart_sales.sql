-- One row per order line still in the source (deleted lines and orders drop out), with the current attributes of its order, customer, employee, product and category.
with order_lines as (
    select
        link.order_line_hk,
        link.order_hk,
        link.product_hk,
        line.unit_price,
        line.quantity,
        line.discount
    from {{ ref('link_order_line') }} as link
    inner join {{ northwind_vault.latest_satellite('sat_order_line', 'order_line_hk') }} as line
        on line.order_line_hk = link.order_line_hk
    inner join {{ northwind_vault.active_keys('sts_order_line', 'order_line_hk') }} as active_line
        on active_line.order_line_hk = link.order_line_hk
),

orders as (
    select
        hub.order_hk,
        hub.order_id,
        sat.order_date,
        sat.shipped_date,
        sat.ship_country,
        parties.customer_hk,
        parties.employee_hk,
        shipping.shipper_hk
    from {{ ref('hub_order') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_order', 'order_hk') }} as sat
        on sat.order_hk = hub.order_hk
    inner join {{ northwind_vault.active_keys('sts_order', 'order_hk') }} as active_order
        on active_order.order_hk = hub.order_hk
    left join {{ northwind_vault.active_links('eff_sat_order_customer_employee', 'order_customer_employee_hk') }} as parties
        on parties.order_hk = hub.order_hk
    left join {{ northwind_vault.active_links('eff_sat_order_shipper', 'order_shipper_hk') }} as shipping
        on shipping.order_hk = hub.order_hk
),

customers as (
    select
        hub.customer_hk,
        hub.customer_id,
        sat.company_name,
        sat.city,
        sat.country
    from {{ ref('hub_customer') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_customer', 'customer_hk') }} as sat
        on sat.customer_hk = hub.customer_hk
),

employees as (
    select
        hub.employee_hk,
        hub.employee_id,
        sat.first_name || ' ' || sat.last_name as employee_name
    from {{ ref('hub_employee') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_employee', 'employee_hk') }} as sat
        on sat.employee_hk = hub.employee_hk
),

products as (
    select
        hub.product_hk,
        hub.product_id,
        sat.product_name,
        category_sat.category_name
    from {{ ref('hub_product') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_product', 'product_hk') }} as sat
        on sat.product_hk = hub.product_hk
    left join {{ northwind_vault.active_links('eff_sat_product_supplier_category', 'product_supplier_category_hk') }} as classified
        on classified.product_hk = hub.product_hk
    left join {{ northwind_vault.latest_satellite('sat_category', 'category_hk') }} as category_sat
        on category_sat.category_hk = classified.category_hk
),

shippers as (
    select
        hub.shipper_hk,
        hub.shipper_id,
        sat.company_name as shipper_name
    from {{ ref('hub_shipper') }} as hub
    inner join {{ northwind_vault.latest_satellite('sat_shipper', 'shipper_hk') }} as sat
        on sat.shipper_hk = hub.shipper_hk
)

select
    orders.order_id,
    products.product_id,
    orders.order_date,
    extract(year from orders.order_date) as order_year,
    orders.shipped_date,
    orders.ship_country,
    customers.customer_id,
    customers.company_name as customer_company_name,
    customers.city as customer_city,
    customers.country as customer_country,
    employees.employee_id,
    employees.employee_name,
    shippers.shipper_id,
    shippers.shipper_name,
    products.product_name,
    products.category_name,
    order_lines.unit_price,
    order_lines.quantity,
    order_lines.discount,
    cast(order_lines.unit_price * order_lines.quantity * (1 - order_lines.discount) as decimal(28, 8)) as revenue
from order_lines
inner join orders
    on orders.order_hk = order_lines.order_hk
inner join products
    on products.product_hk = order_lines.product_hk
left join customers
    on customers.customer_hk = orders.customer_hk
left join employees
    on employees.employee_hk = orders.employee_hk
left join shippers
    on shippers.shipper_hk = orders.shipper_hk
