-- Revenue per customer in mart_customer_sales equals the source's, to the cent (orders without a customer
-- in one group; customers without orders count 0 on both sides).
{{ northwind_vault.revenue_by_group_mismatches('customer_id', 'mart_customer_sales') }}
