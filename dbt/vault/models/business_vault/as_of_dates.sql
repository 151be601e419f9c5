-- The as-of dates of the PIT tables: one row per calendar day on which at least one batch committed, at the
-- load timestamp of that day's last batch (a batch's _load_ts is its started_at). So a PIT grows by one row per
-- key and day, not per batch, and its latest as-of date is the current state.
select
    cast(manifest.started_at as date) as as_of_date,
    max(manifest.started_at) as as_of_ts
from {{ ref('stg_batch_manifest') }} as manifest
group by cast(manifest.started_at as date)
