{#- Partitioning on Trino. The models declare their Iceberg partition spec once, in dbt-athena's key
    (`partitioned_by=['bucket(order_hk, 16)']`); dbt-trino reads table properties only (`properties=`) and
    would drop that key, so this override of dbt-trino's `properties()` macro (which only dbt-trino calls)
    turns it into Trino's `partitioning` table property: the same spec on Athena and on Trino. The temporary
    relations of an incremental run stay unpartitioned (they are views or short-lived tables). Anything else
    (format, location) keeps its default: Parquet, as the catalog is set up, under the catalog's warehouse. -#}
{% macro properties(temporary=False) -%}
{%- set table_properties = dict(config.get('properties') or {}) -%}
{%- set partitioned_by = config.get('partitioned_by') -%}
{%- if partitioned_by and not temporary and 'partitioning' not in table_properties -%}
    {%- set quoted = [] -%}
    {%- for field in partitioned_by -%}{%- do quoted.append("'" ~ field ~ "'") -%}{%- endfor -%}
    {%- do table_properties.update({'partitioning': 'array[' ~ quoted | join(', ') ~ ']'}) -%}
{%- endif -%}
{%- if table_properties %}
with (
    {%- for key, value in table_properties.items() %}
    {{ key }} = {{ value }}{% if not loop.last %},{% endif %}
    {%- endfor %}
)
{%- endif -%}
{%- endmacro %}
