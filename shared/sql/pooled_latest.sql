-- Per unit: the period's newest suggestions, from each quarter's newest (a suggestion among the
-- period's newest is among its own quarter's), newest first.
SELECT unit_id, submitted_at, text, status
FROM (
  SELECT unit_id, submitted_at, text, status,
         ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY submitted_at DESC, response_id) AS newest
  FROM {facts}
  WHERE fact = 'latest'
)
WHERE newest <= @shown
ORDER BY unit_id, newest
