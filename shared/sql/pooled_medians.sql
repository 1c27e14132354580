-- Median hours from a suggestion/complaint to its first reply, per unit and region-wide, over
-- the period's quarters (exact medians: PERCENTILE_CONT, not APPROX_QUANTILES).
SELECT DISTINCT unit_id, unit_median, region_median
FROM (
  SELECT
    unit_id,
    PERCENTILE_CONT(hours, 0.5) OVER (PARTITION BY unit_id) AS unit_median,
    PERCENTILE_CONT(hours, 0.5) OVER () AS region_median
  FROM {facts}
  WHERE fact = 'reply'
)
