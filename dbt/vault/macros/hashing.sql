{#-
  The project's hashing standard (see README "Data Vault", section "Hashing"):
  - algorithm: MD5, rendered as 32 lower-case hex characters on every engine;
  - business keys: cast to text, trimmed, upper-cased; an empty string counts as null;
  - null placeholder '^^', delimiter '||' between the parts of a composite key or hashdiff;
  - a business key whose parts are all null hashes to the zero key (32 zeros), never to md5 of placeholders;
  - hashdiffs: attributes in the order the model declares them, not trimmed, not upper-cased (case-sensitive);
  - REAL/float columns are cast to decimal(18,4) in staging before they reach a hashdiff, so the text is fixed.
-#}

{% macro zero_key() -%}
'00000000000000000000000000000000'
{%- endmacro %}

{% macro null_placeholder() -%}
'^^'
{%- endmacro %}

{% macro hash_delimiter() -%}
'||'
{%- endmacro %}

{% macro hash_key(columns) -%}
{%- if columns is string %}{% set columns = [columns] %}{% endif -%}
case
    when {% for column in columns -%}
        nullif(trim({{ northwind_vault.hash_text(column) }}), '') is null{% if not loop.last %} and {% endif %}
    {%- endfor %} then {{ northwind_vault.zero_key() }}
    else {{ northwind_vault.md5_hex(northwind_vault.hash_concat(columns, business_key=true)) }}
end
{%- endmacro %}

{% macro hashdiff(columns) -%}
{{ northwind_vault.md5_hex(northwind_vault.hash_concat(columns, business_key=false)) }}
{%- endmacro %}

{#- The text that gets hashed: each part rendered as text, normalised, null-replaced and delimited. -#}
{% macro hash_concat(columns, business_key) -%}
{%- for column in columns -%}
    {%- if business_key -%}
        coalesce(nullif(upper(trim({{ northwind_vault.hash_text(column) }})), ''), {{ northwind_vault.null_placeholder() }})
    {%- else -%}
        coalesce({{ northwind_vault.hash_text(column) }}, {{ northwind_vault.null_placeholder() }})
    {%- endif -%}
    {%- if not loop.last %} || {{ northwind_vault.hash_delimiter() }} || {% endif -%}
{%- endfor -%}
{%- endmacro %}

{#- Text rendering of a value before hashing. Integers, decimals, dates and strings render the same on
    DuckDB and Trino with a plain cast; the project hashes no timestamps, floats or binaries. -#}
{% macro hash_text(expression) -%}
{{ return(adapter.dispatch('hash_text', 'northwind_vault')(expression)) }}
{%- endmacro %}

{% macro default__hash_text(expression) -%}
cast({{ expression }} as varchar)
{%- endmacro %}

{#- MD5 of a UTF-8 string as lower-case hex. DuckDB's md5() already returns lower-case hex of the UTF-8
    bytes; Trino's md5() takes varbinary and to_hex() returns upper case. -#}
{% macro md5_hex(expression) -%}
{{ return(adapter.dispatch('md5_hex', 'northwind_vault')(expression)) }}
{%- endmacro %}

{% macro default__md5_hex(expression) -%}
md5({{ expression }})
{%- endmacro %}

{% macro athena__md5_hex(expression) -%}
lower(to_hex(md5(to_utf8({{ expression }}))))
{%- endmacro %}
