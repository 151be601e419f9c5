-- The vault's mart_sales_by_region Iceberg mart, read in place (a view, not a copy); grain and columns in marts.yml.
select {{ served_columns() }}
from {{ source('lake', 'mart_sales_by_region') }}
