{#- The post-hook of mart_sales: a touched order line that is no sale any more (its line or order deleted) was
    merged as a row without revenue; this removes it. Plain SQL every engine runs alike, after any merge. -#}
{% macro delete_lost_sales(relation) -%}
delete from {{ relation }} where revenue is null
{%- endmacro %}
