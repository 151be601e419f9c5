{#- An effectivity satellite on a link with a driving key (after AutomateDV's `eff_sat` and datavault4dbt's
    `eff_sat_v0`): per driving key, which link row is in force. Every staged change-log row of the driving
    entity says what its relationship is from that load on: the row's link key when the row holds a
    relationship (`link_holds_relationship`), none when it does not (the far end became null) or when the row
    is a delete (a deleted order has no customer any more). Per driving key, these events of the new batches are
    taken in load order and compared with the relationship in force before them (the previous event, or else
    the latest rows already loaded); where it changes, the old link gets an end row (is_active false) and the
    new one a start row (is_active true), both at the event's load_ts. So A->B->A writes start A; end A and
    start B; end B and start A. An unchanged relationship writes nothing, and several pending batches are all
    applied in order. Columns: the link key, the link's hub keys (taken from the link, so the unknown member
    appears as the link holds it), is_active, load_ts, record_source. The active links: `active_links()`. -#}
{% macro eff_sat(source_model, link_model, link_hk, driving_key, foreign_keys) -%}
{%- if northwind_vault.nothing_new(source_model) %}
{{ northwind_vault.no_new_rows() }}
{%- else %}
with candidate_events as (
    select
        staged.{{ driving_key }},
        case
            when not {{ northwind_vault.is_delete('staged.change_op') }}
                and {{ northwind_vault.link_holds_relationship(foreign_keys, driving_key, 'staged.') }}
                then staged.{{ link_hk }}
        end as active_link_hk,
        staged.load_ts,
        staged.record_source
    from {{ ref(source_model) }} as staged
    where {{ northwind_vault.new_rows_filter('staged.load_ts') }}
        and staged.{{ driving_key }} <> {{ northwind_vault.zero_key() }}
),

events as (
    -- One event per driving key and load. Two log rows of one batch can collapse to one driving key (territory
    -- ids '01581' and ' 01581'): a row that holds a relationship wins over one that holds none (as in status
    -- satellites, the key exists when any of its rows does), then the lowest link key, then record source.
    select
        ranked.{{ driving_key }},
        ranked.active_link_hk,
        ranked.load_ts,
        ranked.record_source
    from (
        select
            candidate_events.*,
            row_number() over (
                partition by candidate_events.{{ driving_key }}, candidate_events.load_ts
                order by candidate_events.active_link_hk asc nulls last, candidate_events.record_source
            ) as duplicate_rank
        from candidate_events
    ) as ranked
    where ranked.duplicate_rank = 1
),

{%- if is_incremental() %}

in_force as (
    -- The relationship in force per driving key before the new events: its latest row is a start row (at one
    -- load_ts an end row and the start row of its successor may both be there: the start row wins) or an end
    -- row (no relationship).
    select
        ranked.{{ driving_key }},
        case when ranked.is_active then ranked.{{ link_hk }} end as active_link_hk,
        ranked.load_ts,
        ranked.record_source
    from (
        select
            eff.{{ driving_key }},
            eff.{{ link_hk }},
            eff.is_active,
            eff.load_ts,
            eff.record_source,
            row_number() over (
                partition by eff.{{ driving_key }} order by eff.load_ts desc, eff.is_active desc
            ) as recency
        from {{ this }} as eff
        where eff.{{ driving_key }} in (select events.{{ driving_key }} from events)
    ) as ranked
    where ranked.recency = 1
),
{%- endif %}

timeline as (
    select
        {{ driving_key }},
        active_link_hk,
        load_ts,
        record_source,
        0 as is_loaded
    from events
    {%- if is_incremental() %}
    union all
    select
        {{ driving_key }},
        active_link_hk,
        load_ts,
        record_source,
        1 as is_loaded
    from in_force
    {%- endif %}
),

changes as (
    select
        {{ driving_key }},
        active_link_hk,
        lag(active_link_hk) over (partition by {{ driving_key }} order by load_ts) as previous_link_hk,
        load_ts,
        record_source,
        is_loaded
    from timeline
),

transitions as (
    select
        changes.active_link_hk as {{ link_hk }},
        true as is_active,
        changes.load_ts,
        changes.record_source
    from changes
    where changes.is_loaded = 0
        and changes.active_link_hk is not null
        and changes.active_link_hk is distinct from changes.previous_link_hk
    union all
    select
        changes.previous_link_hk as {{ link_hk }},
        false as is_active,
        changes.load_ts,
        changes.record_source
    from changes
    where changes.is_loaded = 0
        and changes.previous_link_hk is not null
        and changes.active_link_hk is distinct from changes.previous_link_hk
)

select
    link.{{ link_hk }},
    {%- for column in foreign_keys %}
    link.{{ column }},
    {%- endfor %}
    transitions.is_active,
    transitions.load_ts,
    transitions.record_source
from transitions
inner join {{ ref(link_model) }} as link
    on link.{{ link_hk }} = transitions.{{ link_hk }}
{%- endif %}
{%- endmacro %}

{#- The link rows in force now, as a derived table: per link key its latest effectivity row, kept when it is a
    start row. Per driving key at most one link is in force. Marts read relationships only through this. -#}
{% macro active_links(eff_sat_model, link_hk, changed_key=none) -%}
(
    select current_rows.*
    from {{ northwind_vault.latest_satellite(eff_sat_model, link_hk, changed_key) }} as current_rows
    where current_rows.is_active
)
{%- endmacro %}
