{#- A link: one row per combination of hub keys, inserted the first time the combination is seen.
    Without a driving key, a relationship is recorded only when every participant is known: rows where a hub
    key is the zero key are skipped (the source row itself is the relationship: order lines, employee
    territories, customer types).
    With a `driving_key` (the participant whose relationship the row describes: the order of an
    order-customer-employee link), a row is recorded when the driving key and at least one other participant
    are known, and a null participant is loaded as the unknown member (`unknown_key()`): an order with no
    employee keeps its customer. Which combination is in force per driving key is the business of the link's
    effectivity satellite (`eff_sat`), never of the link. -#}
{% macro link(source_model, hash_key, foreign_keys, driving_key=none) -%}
{%- if driving_key is none -%}
{{ northwind_vault.first_seen(source_model, hash_key, foreign_keys, known_keys=foreign_keys) }}
{%- else -%}
with staged as (
    select
        {{ hash_key }},
        {%- for column in foreign_keys %}
        {{ northwind_vault.link_participant(column) }} as {{ column }},
        {%- endfor %}
        load_ts,
        record_source,
        row_number() over (partition by {{ hash_key }} order by load_ts, record_source) as key_rank
    from {{ ref(source_model) }}
    where {{ northwind_vault.new_rows_filter() }}
        and not {{ northwind_vault.is_delete() }}
        and {{ northwind_vault.link_holds_relationship(foreign_keys, driving_key) }}
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
        select 1 from {{ this }} as loaded
        where loaded.{{ hash_key }} = staged.{{ hash_key }}
    )
{%- endif %}
{%- endif %}
{%- endmacro %}
