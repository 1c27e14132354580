-- Per unit: responses excluded as abuse, and suggestions/complaints received and answered.
SELECT
  unit_id,
  COUNTIF(ARRAY_LENGTH(flags) > 0) AS excluded,
  COUNTIF(ARRAY_LENGTH(flags) = 0 AND IFNULL(suggestion, '') != '') AS suggestions,
  COUNTIF(ARRAY_LENGTH(flags) = 0 AND IFNULL(suggestion, '') != '' AND first_reply_at IS NOT NULL) AS answered
FROM {responses}
WHERE quarter_start >= @period_start AND quarter_start < @period_end
GROUP BY unit_id
