-- What each role sees through the tag-based masking policies: run after the first deploy (state ->
-- snowflake -> aws) and a `dbt build` of dbt/serving, as a user granted the parent role (SYSADMIN by
-- default), which inherits every platform role, e.g.:
--   snow sql -c northwind -f sql/check_masking.sql            (Snowflake CLI)
--   snowsql -c northwind -f sql/check_masking.sql             (SnowSQL)
-- or paste it into a worksheet. For prod, change `env` below.
set env = 'DEV';

set db = 'NORTHWIND_' || $env;
set wh = $db || '_WH';
set mart = $db || '.MARTS.MART_EMPLOYEE_PERFORMANCE';
set role_critical = $db || '_SENSITIVITY_CRITICAL';
set role_high = $db || '_SENSITIVITY_HIGH';
set role_low = $db || '_SENSITIVITY_LOW';
set role_reader = $db || '_READER';

use warehouse identifier($wh);
use database identifier($db);

-- 0. (Optional, as the deploy role, which owns the integrations.) Snowflake can reach the lake through the
--    AWS role, i.e. the aws stack trusts what the snowflake stack reported:
--      use role accountadmin;
--      select system$verify_external_volume('NORTHWIND_DEV_EXTERNAL_VOLUME');
--      select system$verify_catalog_integration('NORTHWIND_DEV_GLUE_CATALOG');

-- 1. The masking policies hang on the SENSITIVITY tag, one per data type.
select policy_name, ref_column_name, tag_name, tag_value, policy_status
from table(information_schema.policy_references(ref_entity_name => $mart, ref_entity_domain => 'view'))
order by ref_column_name;

-- 2. The column tags dbt applied from the models' meta.
select column_name, tag_name, tag_value
from table(information_schema.tag_references_all_columns($mart, 'table'))
order by column_name, tag_name;

-- 3. The same rows through each role. HIRE_DATE (critical), EMPLOYEE_NAME and REVENUE (high) are tagged:
--    critical: real values
--    high:     first letter then one star per character, revenue to hundreds, hire date to the month
--    low:      one star per character, revenue to thousands, hire date to the year
--    reader (and SYSADMIN, ACCOUNTADMIN): '***MASKED***', null, null
use role identifier($role_critical);
select current_role() as seen_as, employee_id, employee_name, hire_date, revenue
from identifier($mart) order by employee_id limit 3;

use role identifier($role_high);
select current_role() as seen_as, employee_id, employee_name, hire_date, revenue
from identifier($mart) order by employee_id limit 3;

use role identifier($role_low);
select current_role() as seen_as, employee_id, employee_name, hire_date, revenue
from identifier($mart) order by employee_id limit 3;

use role identifier($role_reader);
select current_role() as seen_as, employee_id, employee_name, hire_date, revenue
from identifier($mart) order by employee_id limit 3;

use role sysadmin;
select current_role() as seen_as, employee_id, employee_name, hire_date, revenue
from identifier($mart) order by employee_id limit 3;
