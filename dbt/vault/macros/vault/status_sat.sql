{#- A status-tracking satellite: records when a key of a hub or link appears in, or disappears from, the
    source. The raw layer is a full snapshot per batch, so a key is present while the newest batch holds it.
    A row is written only when the status changes (starts, ends, starts again), stamped with the batch's load
    timestamp; the row in force for a key is its latest row. `carry` lists parent-model columns copied along
    (e.g. the hub keys of a link, for an effectivity satellite). Limitation: a batch in which the source table
    is empty has no rows to take its timestamp from, so it ends nothing. -#}
{% macro status_sat(source_model, parent_model, parent_key, carry=[]) -%}
with batch as (
    select max(load_ts) as load_ts
    from {{ ref(source_model) }}
    where {{ northwind_vault.new_rows_filter() }}
),

present as (
    select distinct staged.{{ parent_key }}
    from {{ ref(source_model) }} as staged
    inner join batch
        on staged.load_ts = batch.load_ts
),

latest_status as (
    {%- if is_incremental() %}
    select
        ranked.{{ parent_key }},
        ranked.is_active
    from (
        select
            status.{{ parent_key }},
            status.is_active,
            row_number() over (partition by status.{{ parent_key }} order by status.load_ts desc) as recency
        from {{ this }} as status
    ) as ranked
    where ranked.recency = 1
    {%- else %}
    select
        cast(null as {{ northwind_vault.string_type() }}) as {{ parent_key }},
        cast(null as boolean) as is_active
    where 1 = 0
    {%- endif %}
),

status as (
    select
        parent.{{ parent_key }},
        {%- for column in carry %}
        parent.{{ column }},
        {%- endfor %}
        present.{{ parent_key }} is not null as is_active,
        latest_status.is_active as was_active
    from {{ ref(parent_model) }} as parent
    left join present
        on present.{{ parent_key }} = parent.{{ parent_key }}
    left join latest_status
        on latest_status.{{ parent_key }} = parent.{{ parent_key }}
)

select
    status.{{ parent_key }},
    {%- for column in carry %}
    status.{{ column }},
    {%- endfor %}
    status.is_active,
    batch.load_ts,
    cast('{{ source_model }}' as {{ northwind_vault.string_type() }}) as record_source
from status
cross join batch
where batch.load_ts is not null
    and (
        (status.was_active is null and status.is_active)
        or (status.was_active is not null and status.was_active <> status.is_active)
    )
{%- endmacro %}
