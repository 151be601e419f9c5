{#- A satellite: insert a row only when its hashdiff differs from the row before it for the same parent key.
    "The row before" is the previous staged row for that key in the same batch, or else the latest row already
    in the satellite. So A->B->A keeps three rows, an unchanged reload adds nothing, and several changes for a
    key in one batch are all kept in load order. (Comparing with every hashdiff ever seen would lose A->B->A.)
    The raw log brings only changed rows, one per key and batch; several batches since the last run are all
    compared in load order. Delete rows carry the last version's values and are not a version: skipped.
    The satellite also holds the unknown member's ghost row. -#}
{% macro sat(source_model, parent_key, hashdiff, payload) -%}
{%- if northwind_vault.nothing_new(source_model) %}
{{ northwind_vault.no_new_rows() }}
{%- else %}
with staged as (
    -- One row per key and load: the raw log holds a key once per batch, but two source rows can collapse to one
    -- hash key (customer ids 'alfki' and 'ALFKI'). Of those the row with the lowest hashdiff is the version, then
    -- the lowest record source: a total order on values that are the same text on every engine, so the
    -- satellite stays unique on (key, load_ts) and a rebuild picks the same row.
    select
        candidates.{{ parent_key }},
        candidates.{{ hashdiff }},
        {%- for column in payload %}
        candidates.{{ column }},
        {%- endfor %}
        candidates.load_ts,
        candidates.record_source
    from (
        select
            {{ parent_key }},
            {{ hashdiff }},
            {%- for column in payload %}
            {{ column }},
            {%- endfor %}
            load_ts,
            record_source,
            row_number() over (
                partition by {{ parent_key }}, load_ts order by {{ hashdiff }}, record_source
            ) as duplicate_rank
        from {{ ref(source_model) }}
        where {{ parent_key }} <> {{ northwind_vault.zero_key() }}
            and not {{ northwind_vault.is_delete() }}
            and {{ northwind_vault.new_rows_filter() }}
    ) as candidates
    where candidates.duplicate_rank = 1
),

{%- if is_incremental() %}

latest_loaded as (
    select
        ranked.{{ parent_key }},
        ranked.{{ hashdiff }},
        ranked.load_ts
    from (
        select
            sat.{{ parent_key }},
            sat.{{ hashdiff }},
            sat.load_ts,
            row_number() over (partition by sat.{{ parent_key }} order by sat.load_ts desc) as recency
        from {{ this }} as sat
        where sat.{{ parent_key }} in (select staged.{{ parent_key }} from staged)
    ) as ranked
    where ranked.recency = 1
),
{%- endif %}

timeline as (
    select
        {{ parent_key }},
        {{ hashdiff }},
        load_ts,
        0 as is_loaded
    from staged
    {%- if is_incremental() %}
    union all
    select
        {{ parent_key }},
        {{ hashdiff }},
        load_ts,
        1 as is_loaded
    from latest_loaded
    {%- endif %}
),

changes as (
    select
        {{ parent_key }},
        load_ts,
        is_loaded,
        {{ hashdiff }},
        lag({{ hashdiff }}) over (partition by {{ parent_key }} order by load_ts) as previous_hashdiff
    from timeline
)

select
    staged.{{ parent_key }},
    staged.{{ hashdiff }},
    {%- for column in payload %}
    staged.{{ column }},
    {%- endfor %}
    staged.load_ts,
    staged.record_source
from staged
inner join changes
    on staged.{{ parent_key }} = changes.{{ parent_key }}
    and staged.load_ts = changes.load_ts
where changes.is_loaded = 0
    and (changes.previous_hashdiff is null or changes.previous_hashdiff <> changes.{{ hashdiff }})
{%- endif %}
{%- if northwind_vault.ghost_row_due() %}
{%- set ghost_columns = [(hashdiff, northwind_vault.zero_key())] %}
{%- for column in payload %}{% do ghost_columns.append((column, 'null')) %}{% endfor %}
union all
{{ northwind_vault.ghost_row(parent_key, ghost_columns) }}
{%- endif %}
{%- endmacro %}
