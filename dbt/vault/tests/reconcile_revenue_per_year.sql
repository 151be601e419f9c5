-- Revenue per order year in mart_sales_by_country_year equals the source's, to the cent.
with reference as (
    select
        coalesce(cast(sales.order_year as {{ northwind_vault.string_type() }}), '(none)') as group_key,
        sum(sales.revenue) as revenue
    from {{ northwind_vault.source_sales() }} as sales
    group by coalesce(cast(sales.order_year as {{ northwind_vault.string_type() }}), '(none)')
),

mart as (
    select
        coalesce(cast(by_year.order_year as {{ northwind_vault.string_type() }}), '(none)') as group_key,
        sum(by_year.revenue) as revenue
    from {{ ref('mart_sales_by_country_year') }} as by_year
    group by coalesce(cast(by_year.order_year as {{ northwind_vault.string_type() }}), '(none)')
)

{{ northwind_vault.revenue_mismatches('reference', 'mart') }}
