with source as (
    {{ northwind_vault.committed_log('customer_customer_demo') }}
),

typed as (
    select
        cast(customer_id as {{ northwind_vault.string_type() }}) as customer_id,
        cast(customer_type_id as {{ northwind_vault.string_type() }}) as customer_type_id,
        {{ northwind_vault.ingestion_metadata() }}
    from source
),

hashed as (
    select
        typed.*,
        {{ northwind_vault.hash_key(['customer_id']) }} as customer_hk,
        {{ northwind_vault.hash_key(['customer_type_id']) }} as customer_type_hk,
        {{ northwind_vault.hash_key(['customer_id', 'customer_type_id']) }} as customer_customer_type_hk
    from typed
)

select * from hashed
