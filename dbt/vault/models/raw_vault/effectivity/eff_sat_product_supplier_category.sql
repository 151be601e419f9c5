-- Driving key: the product. Which supplier and category a product has now.
{{ northwind_vault.eff_sat(
    source_model='stg_products',
    link_model='link_product_supplier_category',
    link_hk='product_supplier_category_hk',
    driving_key='product_hk',
    foreign_keys=['product_hk', 'supplier_hk', 'category_hk'],
) }}
