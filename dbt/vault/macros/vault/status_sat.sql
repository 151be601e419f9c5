{#- A status-tracking satellite: records when a key of a hub or link starts to exist in the source, ends
    (deleted) and starts again. The raw log says so itself: an insert or update means the key is in the source
    (active), a delete that it is gone (inactive). Per key, the events of the new batches are taken in load
    order and compared with the status before them (the previous event, or else the latest row already
    loaded); a row is written only where the status changes. So a delete then a re-insert in a later batch
    writes two rows, an update of an active key writes none, and several pending batches are all applied in
    order. Only keys the parent holds get a status (a delete never creates a key). `carry` lists parent-model
    columns copied along (e.g. the hub keys of a link, for an effectivity satellite). -#}
{% macro status_sat(source_model, parent_model, parent_key, carry=[]) -%}
{%- if northwind_vault.nothing_new(source_model) %}
{{ northwind_vault.no_new_rows() }}
{%- else %}
with events as (
    -- One event per key and load. Two log rows of one batch can collapse to one hash key (a delete of 'ALFKI' and
    -- an insert of 'alfki'): the key is in the source at that load when any of them is not a delete. The record
    -- source is the log's own (`_record_source`), the lowest of the rows.
    select
        staged.{{ parent_key }},
        bool_or(not {{ northwind_vault.is_delete('staged.change_op') }}) as is_active,
        staged.load_ts,
        min(staged.record_source) as record_source
    from {{ ref(source_model) }} as staged
    where {{ northwind_vault.new_rows_filter('staged.load_ts') }}
    group by staged.{{ parent_key }}, staged.load_ts
),

{%- if is_incremental() %}

latest_loaded as (
    select
        ranked.{{ parent_key }},
        ranked.is_active,
        ranked.load_ts
    from (
        select
            status.{{ parent_key }},
            status.is_active,
            status.load_ts,
            row_number() over (partition by status.{{ parent_key }} order by status.load_ts desc) as recency
        from {{ this }} as status
        where status.{{ parent_key }} in (select events.{{ parent_key }} from events)
    ) as ranked
    where ranked.recency = 1
),
{%- endif %}

timeline as (
    select
        {{ parent_key }},
        is_active,
        load_ts,
        record_source,
        0 as is_loaded
    from events
    {%- if is_incremental() %}
    union all
    select
        {{ parent_key }},
        is_active,
        load_ts,
        -- only compared with, never inserted again
        cast(null as {{ northwind_vault.string_type() }}) as record_source,
        1 as is_loaded
    from latest_loaded
    {%- endif %}
),

changes as (
    select
        {{ parent_key }},
        is_active,
        load_ts,
        record_source,
        is_loaded,
        lag(is_active) over (partition by {{ parent_key }} order by load_ts) as was_active
    from timeline
)

select
    parent.{{ parent_key }},
    {%- for column in carry %}
    parent.{{ column }},
    {%- endfor %}
    changes.is_active,
    changes.load_ts,
    changes.record_source
from changes
inner join {{ ref(parent_model) }} as parent
    on parent.{{ parent_key }} = changes.{{ parent_key }}
where changes.is_loaded = 0
    and (changes.was_active is null or changes.was_active <> changes.is_active)
{%- endif %}
{%- endmacro %}
