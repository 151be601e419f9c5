{#- A hub: one row per business key, inserted the first time the key is seen and never again.
    Rows with the zero key (all-null business key) are not keys and are skipped. -#}
{% macro hub(source_model, hash_key, business_keys) -%}
{%- if business_keys is string %}{% set business_keys = [business_keys] %}{% endif -%}
with staged as (
    select
        {{ hash_key }},
        {%- for column in business_keys %}
        {{ column }},
        {%- endfor %}
        load_ts,
        record_source,
        row_number() over (partition by {{ hash_key }} order by load_ts, record_source) as key_rank
    from {{ ref(source_model) }}
    where {{ hash_key }} <> {{ northwind_vault.zero_key() }}
        and {{ northwind_vault.new_rows_filter() }}
)

select
    staged.{{ hash_key }},
    {%- for column in business_keys %}
    staged.{{ column }},
    {%- endfor %}
    staged.load_ts,
    staged.record_source
from staged
where staged.key_rank = 1
{%- if is_incremental() %}
    and not exists (
        select 1 from {{ this }} as hub
        where hub.{{ hash_key }} = staged.{{ hash_key }}
    )
{%- endif %}
{%- endmacro %}
