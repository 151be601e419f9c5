{#- The newest link row per driving key, as a derived table. Links keep every combination ever seen; when the
    other end changes (an order moved to another customer, a product to another supplier) the newest
    combination is the one in force. -#}
{% macro latest_link(model, driving_key) -%}
(
    select ranked.*
    from (
        select
            link.*,
            row_number() over (partition by link.{{ driving_key }} order by link.load_ts desc) as recency
        from {{ ref(model) }} as link
    ) as ranked
    where ranked.recency = 1
)
{%- endmacro %}
