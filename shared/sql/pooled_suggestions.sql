-- suggestion_facts.sql's rows for the period from its quarters' stored facts: counts added up;
-- quotes ranked again among each quarter's newest (a text among the period's newest is among
-- its own quarter's, where its newest date lies).
WITH quoted AS (
  SELECT unit_id, name, kind, text, submitted_at,
         ROW_NUMBER() OVER (PARTITION BY unit_id, name ORDER BY submitted_at DESC, text) AS newest
  FROM (
    SELECT unit_id, name, kind, text, MAX(submitted_at) AS submitted_at
    FROM {facts}
    WHERE fact = 'quote'
    GROUP BY unit_id, name, kind, text
  )
)
SELECT unit_id, fact AS what, name, kind, SUM(n) AS n,
       CAST(NULL AS STRING) AS text, CAST(NULL AS TIMESTAMP) AS submitted_at, 0 AS newest
FROM {facts}
WHERE fact IN ('element', 'theme')
GROUP BY unit_id, fact, name, kind
UNION ALL
SELECT unit_id, 'quote' AS what, name, kind, 1 AS n, text, submitted_at, newest
FROM quoted
WHERE newest <= @shown
ORDER BY unit_id, what, name, newest
