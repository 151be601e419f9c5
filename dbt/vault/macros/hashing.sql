{#-
  The project's hashing standard (see README "Data Vault", section "Hashing"):
  - algorithm: MD5, rendered as 32 lower-case hex characters on every engine;
  - business keys: cast to text, trimmed of whitespace (`trim_whitespace`: the same code points on every
    engine), upper-cased; an empty string counts as null;
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
        nullif({{ northwind_vault.trim_whitespace(northwind_vault.hash_text(column)) }}, '') is null{% if not loop.last %} and {% endif %}
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
        coalesce(nullif(upper({{ northwind_vault.trim_whitespace(northwind_vault.hash_text(column)) }}), ''), {{ northwind_vault.null_placeholder() }})
    {%- else -%}
        coalesce({{ northwind_vault.hash_text(column) }}, {{ northwind_vault.null_placeholder() }})
    {%- endif -%}
    {%- if not loop.last %} || {{ northwind_vault.hash_delimiter() }} || {% endif -%}
{%- endfor -%}
{%- endmacro %}

{#- The whitespace a business key is trimmed of: exactly what Trino's (Athena's) one-argument trim() strips.
    Trino's trim(varchar) is io.airlift.slice.SliceUtf8.trim, which strips the code points for which Java's
    Character.isWhitespace is true: U+0009-U+000D, U+001C-U+001F, the space, and the Unicode space separators
    except the no-break ones (U+00A0, U+2007, U+202F stay), plus U+2028 and U+2029. DuckDB's one-argument trim()
    strips the space only, so DuckDB is given this set explicitly; dbt/tests/test_hashing.py checks the list
    against the JVM and both renderings against the same vectors. -#}
{% macro whitespace_code_points() -%}
{{ return([9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8200, 8201, 8202, 8232, 8233, 8287, 12288]) }}
{%- endmacro %}

{% macro trim_whitespace(expression) -%}
{{ return(adapter.dispatch('trim_whitespace', 'northwind_vault')(expression)) }}
{%- endmacro %}

{% macro default__trim_whitespace(expression) -%}
trim({{ expression }}, {% for code_point in northwind_vault.whitespace_code_points() %}chr({{ code_point }}){% if not loop.last %} || {% endif %}{% endfor %})
{%- endmacro %}

{#- Trino's own trim() is the definition of the set: no list to keep in step on Athena (Athena engine v3 is
    Trino, so the athena__ macros of this project call the trino__ ones). -#}
{% macro trino__trim_whitespace(expression) -%}
trim({{ expression }})
{%- endmacro %}

{% macro athena__trim_whitespace(expression) -%}
{{ northwind_vault.trino__trim_whitespace(expression) }}
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

{% macro trino__md5_hex(expression) -%}
lower(to_hex(md5(to_utf8({{ expression }}))))
{%- endmacro %}

{% macro athena__md5_hex(expression) -%}
{{ northwind_vault.trino__md5_hex(expression) }}
{%- endmacro %}
