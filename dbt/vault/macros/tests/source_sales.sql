{#- The reference the reconciliation tests compare marts with: every order line of an order the source holds
    now (the raw log's current state, macro current_state), with its revenue at the entered values of the REAL
    prices and discounts (four decimals, as reconcile_sales_revenue explains), and its order's customer,
    employee and year. Written from the staging models only, not from the vault. -#}
{% macro source_sales() -%}
(
    select
        orders.order_id,
        details.product_id,
        orders.customer_id,
        orders.employee_id,
        extract(year from orders.order_date) as order_year,
        details.quantity,
        cast(details.unit_price as decimal(18, 4))
        * details.quantity
        * (1 - cast(details.discount as decimal(18, 4))) as revenue
    from {{ northwind_vault.current_state('stg_order_details', ['order_id', 'product_id']) }} as details
    inner join {{ northwind_vault.current_state('stg_orders', ['order_id']) }} as orders
        on orders.order_id = details.order_id
)
{%- endmacro %}

{#- The groups whose revenue differs by a cent or more between the CTEs `reference` and `mart`, each of
    (group_key, revenue); a group missing on one side counts as 0 there. -#}
{% macro revenue_mismatches(reference, mart) -%}
select
    coalesce({{ reference }}.group_key, {{ mart }}.group_key) as group_key,
    {{ reference }}.revenue as source_revenue,
    {{ mart }}.revenue as mart_revenue
from {{ reference }}
full outer join {{ mart }}
    on {{ mart }}.group_key = {{ reference }}.group_key
where abs(coalesce({{ reference }}.revenue, 0) - coalesce({{ mart }}.revenue, 0)) >= 0.01
{%- endmacro %}

{#- The groups of `group_column` (a column of source_sales() and of `mart_model`) whose revenue in the mart
    differs from the source's by a cent or more; a null group ('(none)': no customer, no employee) is one group. -#}
{% macro revenue_by_group_mismatches(group_column, mart_model) -%}
{%- set group_key -%}
coalesce(cast({{ group_column }} as {{ northwind_vault.string_type() }}), '(none)')
{%- endset -%}
with reference as (
    select
        {{ group_key }} as group_key,
        sum(sales.revenue) as revenue
    from {{ northwind_vault.source_sales() }} as sales
    group by {{ group_key }}
),

mart as (
    select
        {{ group_key }} as group_key,
        sum(mart_rows.revenue) as revenue
    from {{ ref(mart_model) }} as mart_rows
    group by {{ group_key }}
)

{{ northwind_vault.revenue_mismatches('reference', 'mart') }}
{%- endmacro %}
