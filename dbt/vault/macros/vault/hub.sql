{#- A hub: one row per business key, inserted the first time the key is seen and never again.
    Rows with the zero key (all-null business key) are not keys and are skipped. The hub also
    holds the unknown member's ghost row (macros/vault/unknown_member.sql). -#}
{% macro hub(source_model, hash_key, business_keys) -%}
{%- if business_keys is string %}{% set business_keys = [business_keys] %}{% endif -%}
{{ northwind_vault.first_seen(source_model, hash_key, business_keys, known_keys=[hash_key]) }}
{%- if northwind_vault.ghost_row_due() %}
union all
{%- set ghost_columns = [] %}
{%- for column in business_keys %}{% do ghost_columns.append((column, 'null')) %}{% endfor %}
{{ northwind_vault.ghost_row(hash_key, ghost_columns) }}
{%- endif %}
{%- endmacro %}
