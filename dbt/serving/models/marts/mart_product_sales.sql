-- The vault's mart_product_sales Iceberg mart, read in place (a view, not a copy); grain and columns in marts.yml.
select {{ served_columns() }}
from {{ source('lake', 'mart_product_sales') }}
