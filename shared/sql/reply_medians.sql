-- Median hours from a suggestion/complaint to its first reply, per unit and region-wide
-- (exact medians: PERCENTILE_CONT, not APPROX_QUANTILES).
SELECT DISTINCT unit_id, unit_median, region_median
FROM (
  SELECT
    unit_id,
    PERCENTILE_CONT(hours, 0.5) OVER (PARTITION BY unit_id) AS unit_median,
    PERCENTILE_CONT(hours, 0.5) OVER () AS region_median
  FROM (
    SELECT unit_id, TIMESTAMP_DIFF(first_reply_at, submitted_at, SECOND) / 3600 AS hours
    FROM {responses}
    WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
      AND IFNULL(suggestion, '') != '' AND first_reply_at IS NOT NULL AND submitted_at IS NOT NULL
  )
)
