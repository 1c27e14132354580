-- Per unit: responses excluded as abuse, and suggestions/complaints received and answered.
SELECT
  unit_id,
  COUNTIF(NOT counted) AS excluded,
  COUNTIF(counted AND IFNULL(suggestion, '') != '') AS suggestions,
  COUNTIF(counted AND IFNULL(suggestion, '') != '' AND first_reply_at IS NOT NULL) AS answered
FROM {responses}
WHERE quarter_start >= @period_start AND quarter_start < @period_end
GROUP BY unit_id
