-- Revenue per order year in mart_sales_by_country_year equals the source's, to the cent.
{{ northwind_vault.revenue_by_group_mismatches('order_year', 'mart_sales_by_country_year') }}
