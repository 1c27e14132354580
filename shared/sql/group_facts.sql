-- period_start .. period_end (exclusive): the raw partitions of every quarter of the period.
-- Per unit, survey and profile group (dimension 'all' = the whole unit): respondents,
-- the sums behind the confidence interval, and per-item answer counts and score sums.
-- Integers only where the index needs exactness; flagged responses are left out.
WITH kept AS (
  SELECT response_id, unit_id, answers, gender, age, education, occupation, service, channel
  FROM {responses}
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
),
grouped AS (
  SELECT c.response_id, c.unit_id, c.answers, g.dimension, g.group_value
  FROM kept AS c, UNNEST([
    STRUCT('all' AS dimension, 'all' AS group_value),
    STRUCT('gender' AS dimension, c.gender AS group_value),
    STRUCT('age_band' AS dimension,
           CASE WHEN c.age IS NULL THEN NULL WHEN c.age < 25 THEN '15-24' WHEN c.age < 35 THEN '25-34'
                WHEN c.age < 45 THEN '35-44' WHEN c.age < 55 THEN '45-54' ELSE '55+' END AS group_value),
    STRUCT('education' AS dimension, c.education AS group_value),
    STRUCT('occupation' AS dimension, c.occupation AS group_value),
    STRUCT('service' AS dimension, c.service AS group_value),
    STRUCT('channel' AS dimension, IFNULL(c.channel, 'web') AS group_value)
  ]) AS g
  WHERE g.group_value IS NOT NULL
),
scores AS (
  SELECT g.unit_id, a.survey, g.dimension, g.group_value, g.response_id, a.item, a.score
  FROM grouped AS g, UNNEST(g.answers) AS a
),
items AS (
  SELECT unit_id, survey, dimension, group_value,
         ARRAY_AGG(STRUCT(item AS item, answers AS answers, score_sum AS score_sum)) AS items
  FROM (
    SELECT unit_id, survey, dimension, group_value, item, COUNT(*) AS answers, SUM(score) AS score_sum
    FROM scores
    GROUP BY unit_id, survey, dimension, group_value, item
  )
  GROUP BY unit_id, survey, dimension, group_value
),
people AS (
  SELECT unit_id, survey, dimension, group_value, COUNT(*) AS respondents,
         SUM(mean_score) AS score_sum, SUM(mean_score * mean_score) AS score_squares
  FROM (
    SELECT unit_id, survey, dimension, group_value, response_id, AVG(score) AS mean_score
    FROM scores
    GROUP BY unit_id, survey, dimension, group_value, response_id
  )
  GROUP BY unit_id, survey, dimension, group_value
)
SELECT p.unit_id, p.survey, p.dimension, p.group_value, p.respondents, p.score_sum, p.score_squares, i.items
FROM people AS p
JOIN items AS i
  ON i.unit_id = p.unit_id AND i.survey = p.survey AND i.dimension = p.dimension AND i.group_value = p.group_value
