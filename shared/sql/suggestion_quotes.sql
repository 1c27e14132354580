-- Per unit and element: its newest counted complaints and proposals (the report quotes them,
-- masked), newest first.
SELECT unit_id, element, kind, submitted_at, text
FROM (
  SELECT
    unit_id, element, suggestion_kind AS kind, submitted_at, suggestion AS text,
    ROW_NUMBER() OVER (PARTITION BY unit_id, element ORDER BY submitted_at DESC, response_id) AS newest
  FROM {responses}, UNNEST(suggestion_elements) AS element
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
    AND suggestion_kind IN ('keluhan', 'saran')
)
WHERE newest <= @shown
ORDER BY unit_id, element, newest
