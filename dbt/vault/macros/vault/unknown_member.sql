{#- The unknown member (docs/data-vault.md, "Unknown members and ghost records"). A null foreign key of a link
    whose other participants are known is loaded as this key, so the relationship (an order with no employee
    still has its customer) is not lost. It is distinct from the zero key (32 zeros), which stands for "no
    business key at all" and is never loaded; no md5 of real data is all ones. -#}
{% macro unknown_key() -%}
'11111111111111111111111111111111'
{%- endmacro %}

{#- A hub key of a staged row as a link participant: the zero key (null foreign key) becomes the unknown member. -#}
{% macro link_participant(column) -%}
case when {{ column }} = {{ northwind_vault.zero_key() }} then {{ northwind_vault.unknown_key() }} else {{ column }} end
{%- endmacro %}

{#- Whether a staged row holds a relationship of a link with a driving key: the driving key is known and at
    least one other participant is known (the null ones become the unknown member). A two-party link with a
    null far end (the top of the reporting hierarchy, an order not assigned to a shipper) holds none: the
    driving key then has no relationship, and its effectivity satellite ends the previous one. -#}
{% macro link_holds_relationship(foreign_keys, driving_key, prefix='') -%}
({{ prefix }}{{ driving_key }} <> {{ northwind_vault.zero_key() }} and (
    {%- for column in foreign_keys if column != driving_key %}
    {{ prefix }}{{ column }} <> {{ northwind_vault.zero_key() }}{% if not loop.last %} or{% endif %}
    {%- endfor %}
))
{%- endmacro %}

{#- Ghost records (DV 2.0): every hub and descriptive satellite holds one row keyed by the unknown member,
    loaded once (load_ts the epoch, record source 'SYSTEM', business keys and payload null, hashdiff the zero
    key), so an inner join from a link that carries the unknown member, or from a PIT row of a key without a
    satellite row yet, never loses the row. On by default; `--vars '{ghost_records: false}'` leaves it out (the
    unit tests of change detection do, to compare only the rows they are about). Status and effectivity
    satellites record events and hold none. Count real keys with `record_source <> 'SYSTEM'` (docs/data-vault.md,
    "Unknown members and ghost records"). -#}
{% macro ghost_records_enabled() -%}
{{ return(var('ghost_records', true) in [true, 'true', 'True', 1, '1']) }}
{%- endmacro %}

{#- Whether this build loads the ghost row: with the table's first build only. An incremental run never looks
    for it again, so a satellite or hub of a table with nothing new reads nothing at all (the look-up would
    scan the hash-key column every run, on Athena too). A vault built before ghost records were on by default
    gets them from `make vault-rebuild`. -#}
{% macro ghost_row_due() -%}
{{ return(northwind_vault.ghost_records_enabled() and not is_incremental()) }}
{%- endmacro %}

{#- The ghost row of a hub or satellite: `columns` maps each column to its ghost value. -#}
{% macro ghost_row(hash_key, columns) -%}
select
    {{ northwind_vault.unknown_key() }} as {{ hash_key }},
    {%- for column, value in columns %}
    {{ value }} as {{ column }},
    {%- endfor %}
    {{ northwind_vault.epoch_timestamp() }} as load_ts,
    cast('SYSTEM' as {{ northwind_vault.string_type() }}) as record_source
from (select 1 as ghost) as ghost
{%- endmacro %}
