{#- A link: one row per combination of hub keys, inserted the first time the combination is seen.
    A relationship is recorded only when every participant is known: rows where a hub key is the zero key
    (null foreign key, e.g. the top of the reporting hierarchy) are skipped. -#}
{% macro link(source_model, hash_key, foreign_keys) -%}
{{ northwind_vault.first_seen(source_model, hash_key, foreign_keys, known_keys=foreign_keys) }}
{%- endmacro %}
