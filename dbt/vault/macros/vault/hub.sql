{#- A hub: one row per business key, inserted the first time the key is seen and never again.
    Rows with the zero key (all-null business key) are not keys and are skipped. -#}
{% macro hub(source_model, hash_key, business_keys) -%}
{%- if business_keys is string %}{% set business_keys = [business_keys] %}{% endif -%}
{{ northwind_vault.first_seen(source_model, hash_key, business_keys, known_keys=[hash_key]) }}
{%- endmacro %}
