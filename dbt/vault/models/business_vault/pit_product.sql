{{ config(materialized='incremental', incremental_strategy='merge', unique_key=['product_hk', 'as_of_date'], on_schema_change='fail') }}

{{ northwind_vault.pit(hub_model='hub_product', hash_key='product_hk', satellites=['sat_product']) }}
