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
{%- set participants = {} -%}
{%- for column in foreign_keys -%}
{%- do participants.update({column: northwind_vault.link_participant(column)}) -%}
{%- endfor -%}
{{ northwind_vault.first_seen(
    source_model, hash_key, foreign_keys, known_keys=[],
    expressions=participants,
    condition=northwind_vault.link_holds_relationship(foreign_keys, driving_key)) }}
{%- endif %}
{%- endmacro %}
