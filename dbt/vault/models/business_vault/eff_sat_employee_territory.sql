{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

-- Effectivity of the employee-territory link (driving key: the employee): when each assignment of a territory
-- to an employee started and ended, from the inserts and deletes of the raw change log.
{{ northwind_vault.status_sat(
    source_model='stg_employee_territories',
    parent_model='link_employee_territory',
    parent_key='employee_territory_hk',
    carry=['employee_hk', 'territory_hk'],
) }}
