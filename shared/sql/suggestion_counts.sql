-- Per unit: counted suggestions per element named ('none' when they name none, '*' for all of
-- them, each once) and kind, and complaints and proposals per theme raised. One query for both:
-- `what` says which.
WITH said AS (
  SELECT unit_id, suggestion_kind AS kind, suggestion_elements AS elements, suggestion_themes AS themes, label_corrected
  FROM {responses}
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
    AND IFNULL(suggestion, '') != '' AND suggestion_kind IS NOT NULL
)
SELECT unit_id, 'element' AS what, element AS name, kind, COUNT(*) AS n
FROM said, UNNEST(IF(ARRAY_LENGTH(elements) = 0, ['none'], elements)) AS element
GROUP BY unit_id, element, kind
UNION ALL
SELECT unit_id, 'element' AS what, '*' AS name, kind, COUNT(*) AS n
FROM said
GROUP BY unit_id, kind
UNION ALL
SELECT unit_id, 'theme' AS what, theme AS name, 'keluhan+saran' AS kind, COUNT(*) AS n
FROM said, UNNEST(themes) AS theme
WHERE kind IN ('keluhan', 'saran') AND NOT label_corrected
GROUP BY unit_id, theme
