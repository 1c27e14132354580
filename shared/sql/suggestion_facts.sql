-- Per unit, one query for all it needs of what citizens wrote (`what` says which row is which):
--   element: counted suggestions per element named ('none' when they name none, '*' for all of
--            them, each once) and kind;
--   theme:   complaints and proposals per theme raised (the rules' themes: none once corrected);
--   quote:   per element, its newest counted complaints and proposals, each text once (the report
--            quotes them).
WITH said AS (
  SELECT response_id, unit_id, submitted_at, suggestion, suggestion_kind AS kind, suggestion_elements AS elements,
         suggestion_themes AS themes, label_corrected
  FROM {responses}
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
    AND IFNULL(suggestion, '') != '' AND suggestion_kind IS NOT NULL
),
quoted AS (
  SELECT unit_id, element, kind, submitted_at, suggestion,
         ROW_NUMBER() OVER (PARTITION BY unit_id, element ORDER BY submitted_at DESC, suggestion) AS newest
  FROM (
    SELECT unit_id, element, kind, suggestion, MAX(submitted_at) AS submitted_at
    FROM said, UNNEST(elements) AS element
    WHERE kind IN ('keluhan', 'saran')
    GROUP BY unit_id, element, kind, suggestion
  )
)
SELECT unit_id, 'element' AS what, element AS name, kind, COUNT(*) AS n,
       CAST(NULL AS STRING) AS text, CAST(NULL AS TIMESTAMP) AS submitted_at, 0 AS newest
FROM said, UNNEST(IF(ARRAY_LENGTH(elements) = 0, ['none'], elements)) AS element
GROUP BY unit_id, element, kind
UNION ALL
SELECT unit_id, 'element' AS what, '*' AS name, kind, COUNT(*) AS n,
       CAST(NULL AS STRING) AS text, CAST(NULL AS TIMESTAMP) AS submitted_at, 0 AS newest
FROM said
GROUP BY unit_id, kind
UNION ALL
SELECT unit_id, 'theme' AS what, theme AS name, 'keluhan+saran' AS kind, COUNT(*) AS n,
       CAST(NULL AS STRING) AS text, CAST(NULL AS TIMESTAMP) AS submitted_at, 0 AS newest
FROM said, UNNEST(themes) AS theme
WHERE kind IN ('keluhan', 'saran') AND NOT label_corrected
GROUP BY unit_id, theme
UNION ALL
SELECT unit_id, 'quote' AS what, element AS name, kind, 1 AS n, suggestion AS text, submitted_at, newest
FROM quoted
WHERE newest <= @quotes_shown
ORDER BY unit_id, what, name, newest
