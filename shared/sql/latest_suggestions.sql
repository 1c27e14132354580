-- Per unit: its newest counted suggestions (the report's list), newest first.
SELECT unit_id, response_id, submitted_at, suggestion AS text, complaint_status AS status
FROM (
  SELECT
    unit_id, response_id, submitted_at, suggestion, complaint_status,
    ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY submitted_at DESC, response_id) AS newest
  FROM {responses}
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted AND IFNULL(suggestion, '') != ''
)
WHERE newest <= @latest_shown
ORDER BY unit_id, newest
