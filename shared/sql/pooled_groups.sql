-- group_facts.sql's rows for the period, added up over its quarters' stored facts.
WITH g AS (
  SELECT unit_id, survey, dimension, group_value, respondents, score_sum, score_squares, items
  FROM {facts}
  WHERE fact = 'group'
),
items AS (
  SELECT unit_id, survey, dimension, group_value,
         ARRAY_AGG(STRUCT(item AS item, answers AS answers, score_sum AS score_sum)) AS items
  FROM (
    SELECT g.unit_id, g.survey, g.dimension, g.group_value, i.item, SUM(i.answers) AS answers,
           SUM(i.score_sum) AS score_sum
    FROM g, UNNEST(g.items) AS i
    GROUP BY g.unit_id, g.survey, g.dimension, g.group_value, i.item
  )
  GROUP BY unit_id, survey, dimension, group_value
),
people AS (
  SELECT unit_id, survey, dimension, group_value, SUM(respondents) AS respondents, SUM(score_sum) AS score_sum,
         SUM(score_squares) AS score_squares
  FROM g
  GROUP BY unit_id, survey, dimension, group_value
)
SELECT p.unit_id, p.survey, p.dimension, p.group_value, p.respondents, p.score_sum, p.score_squares, i.items
FROM people AS p
JOIN items AS i
  ON i.unit_id = p.unit_id AND i.survey = p.survey AND i.dimension = p.dimension AND i.group_value = p.group_value
