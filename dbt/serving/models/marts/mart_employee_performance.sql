-- The vault's mart_employee_performance Iceberg mart, read in place (a view, not a copy); grain and columns in marts.yml.
select {{ served_columns() }}
from {{ source('lake', 'mart_employee_performance') }}
