{#- A point-in-time table: per hub key (the ghost excluded) and as-of date (model `as_of_dates`), the key and
    load timestamp of the row each satellite had in force at the as-of timestamp. A key without a satellite
    row at that moment points at the satellite's ghost row (the unknown member at the epoch), so an inner join
    of the PIT with the satellite on (key, load_ts) never loses the key. Incremental: only as-of dates from
    the newest one already loaded on are computed (that day's as-of timestamp moves while batches arrive), and
    merged on (hash key, as_of_date). -#}
{% macro pit(hub_model, hash_key, satellites) -%}
with as_of as (
    select
        as_of_dates.as_of_date,
        as_of_dates.as_of_ts
    from {{ ref('as_of_dates') }} as as_of_dates
    {%- if is_incremental() %}
    where as_of_dates.as_of_date >= (select max(loaded.as_of_date) from {{ this }} as loaded)
    {%- endif %}
),

key_dates as (
    select
        hub.{{ hash_key }},
        as_of.as_of_date,
        as_of.as_of_ts
    from {{ ref(hub_model) }} as hub
    inner join as_of
        on hub.load_ts <= as_of.as_of_ts
    where hub.{{ hash_key }} <> {{ northwind_vault.unknown_key() }}
)
{%- for satellite in satellites %},

{{ satellite }}_in_force as (
    select
        key_dates.{{ hash_key }},
        key_dates.as_of_date,
        max(sat.load_ts) as load_ts
    from key_dates
    inner join {{ ref(satellite) }} as sat
        on sat.{{ hash_key }} = key_dates.{{ hash_key }}
        and sat.load_ts <= key_dates.as_of_ts
    group by key_dates.{{ hash_key }}, key_dates.as_of_date
)
{%- endfor %}

select
    key_dates.{{ hash_key }},
    key_dates.as_of_date,
    key_dates.as_of_ts
    {%- for satellite in satellites %},
    case
        when {{ satellite }}_in_force.load_ts is null then {{ northwind_vault.unknown_key() }}
        else key_dates.{{ hash_key }}
    end as {{ satellite }}_hk,
    coalesce({{ satellite }}_in_force.load_ts, {{ northwind_vault.epoch_timestamp() }}) as {{ satellite }}_load_ts
    {%- endfor %}
from key_dates
{%- for satellite in satellites %}
left join {{ satellite }}_in_force
    on {{ satellite }}_in_force.{{ hash_key }} = key_dates.{{ hash_key }}
    and {{ satellite }}_in_force.as_of_date = key_dates.as_of_date
{%- endfor %}
{%- endmacro %}

{#- The current row of a PIT: its latest as-of date, which is the load timestamp of the newest committed batch. -#}
{% macro pit_current(pit_model) -%}
(
    select pit.*
    from {{ ref(pit_model) }} as pit
    where pit.as_of_date = (select max(latest.as_of_date) from {{ ref(pit_model) }} as latest)
)
{%- endmacro %}
