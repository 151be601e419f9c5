{#- The insert-only core that hubs and links share: one row per hash key, taken from the first staged row
    that carries it and never inserted again. "First" is total, so the load is the same on every engine and in a
    rebuild: earliest load, then record source, then the columns' own values in byte order (two rows of one batch
    that collapse to one key, customer ids 'alfki' and 'ALFKI', keep the lower one: 'ALFKI'). Rows where any of
    `known_keys` is the zero key are skipped: an all-null business key is no key, and a relationship with an
    unknown participant (a null foreign key) is no relationship. Delete rows of the raw log are skipped too:
    a deletion ends a key (status satellites), it never brings one into being. A caller may stage a column
    from an expression (`expressions`: column -> SQL) and add a `condition` rows must meet. -#}
{% macro first_seen(source_model, hash_key, columns, known_keys, expressions={}, condition=none) -%}
{%- if northwind_vault.nothing_new(source_model) %}
{{ northwind_vault.no_new_rows() }}
{%- else %}
with staged as (
    select
        {{ hash_key }},
        {%- for column in columns %}
        {{ expressions.get(column, column) }} as {{ column }},
        {%- endfor %}
        load_ts,
        record_source,
        row_number() over (
            partition by {{ hash_key }}
            order by load_ts, record_source{% for column in columns %}, {{ expressions.get(column, column) }}{% endfor %}
        ) as key_rank
    from {{ ref(source_model) }}
    where {{ northwind_vault.new_rows_filter() }}
        and not {{ northwind_vault.is_delete() }}
        {%- if condition is not none %}
        and {{ condition }}
        {%- endif %}
        {%- for column in known_keys %}
        and {{ column }} <> {{ northwind_vault.zero_key() }}
        {%- endfor %}
)

select
    staged.{{ hash_key }},
    {%- for column in columns %}
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
