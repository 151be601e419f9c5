{{ config(materialized='incremental', incremental_strategy='merge', unique_key=['customer_hk', 'as_of_date'], on_schema_change='fail') }}

{{ northwind_vault.pit(hub_model='hub_customer', hash_key='customer_hk', satellites=['sat_customer']) }}
