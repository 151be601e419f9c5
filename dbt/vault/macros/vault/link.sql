{#- A link: one row per combination of hub keys, inserted the first time the combination is seen.
    A relationship is recorded only when every participant is known: rows where a hub key is the zero key
    (null foreign key, e.g. the top of the reporting hierarchy) are skipped. -#}
{% macro link(source_model, hash_key, foreign_keys) -%}
with staged as (
    select
        {{ hash_key }},
        {%- for column in foreign_keys %}
        {{ column }},
        {%- endfor %}
        load_ts,
        record_source,
        row_number() over (partition by {{ hash_key }} order by load_ts, record_source) as key_rank
    from {{ ref(source_model) }}
    where {{ northwind_vault.new_rows_filter() }}
        {%- for column in foreign_keys %}
        and {{ column }} <> {{ northwind_vault.zero_key() }}
        {%- endfor %}
)

select
    staged.{{ hash_key }},
    {%- for column in foreign_keys %}
    staged.{{ column }},
    {%- endfor %}
    staged.load_ts,
    staged.record_source
from staged
where staged.key_rank = 1
{%- if is_incremental() %}
    and not exists (
        select 1 from {{ this }} as link
        where link.{{ hash_key }} = staged.{{ hash_key }}
    )
{%- endif %}
{%- endmacro %}
