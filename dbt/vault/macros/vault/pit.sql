{#- A point-in-time table: for each hub key and each snapshot (every load timestamp at which one of the hub's
    satellites changed), the load timestamp of the row each satellite had in force at that moment.
    Queries join satellites on (key, that load timestamp) instead of searching history. -#}
{% macro pit(hub_model, hash_key, satellites) -%}
with snapshots as (
    {%- for satellite in satellites %}
    select distinct load_ts as snapshot_ts from {{ ref(satellite) }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),

key_snapshots as (
    select
        hub.{{ hash_key }},
        snapshots.snapshot_ts
    from {{ ref(hub_model) }} as hub
    inner join snapshots
        on snapshots.snapshot_ts >= hub.load_ts
)
{%- for satellite in satellites %},

{{ satellite }}_in_force as (
    select
        key_snapshots.{{ hash_key }},
        key_snapshots.snapshot_ts,
        max(sat.load_ts) as {{ satellite }}_load_ts
    from key_snapshots
    left join {{ ref(satellite) }} as sat
        on sat.{{ hash_key }} = key_snapshots.{{ hash_key }}
        and sat.load_ts <= key_snapshots.snapshot_ts
    group by key_snapshots.{{ hash_key }}, key_snapshots.snapshot_ts
)
{%- endfor %}

select
    key_snapshots.{{ hash_key }},
    key_snapshots.snapshot_ts
    {%- for satellite in satellites %},
    {{ satellite }}_in_force.{{ satellite }}_load_ts
    {%- endfor %}
from key_snapshots
{%- for satellite in satellites %}
left join {{ satellite }}_in_force
    on {{ satellite }}_in_force.{{ hash_key }} = key_snapshots.{{ hash_key }}
    and {{ satellite }}_in_force.snapshot_ts = key_snapshots.snapshot_ts
{%- endfor %}
{%- endmacro %}
