-- period_start .. period_end (exclusive): the raw partitions of every quarter of the period.
-- Per unit, survey and profile group (dimension 'all' = the whole unit): respondents,
-- the sums behind the confidence interval, and per-item answer counts and score sums.
-- Integers only where the index needs exactness; flagged responses are left out.
-- Responses are first folded by their whole profile (people alike count once per item and
-- mean), then each dimension adds those folds up: the answers are unnested once, not once
-- per dimension.
WITH kept AS (
  SELECT response_id, unit_id, answers, gender,
         CASE WHEN age IS NULL THEN NULL WHEN age < 25 THEN '15-24' WHEN age < 35 THEN '25-34'
              WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' ELSE '55+' END AS age_band,
         education, occupation, service, IFNULL(channel, 'web') AS channel
  FROM {responses}
  WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
),
scores AS (
  SELECT k.response_id, k.unit_id, a.survey, a.item, a.score, k.gender, k.age_band, k.education, k.occupation,
         k.service, k.channel
  FROM kept AS k, UNNEST(k.answers) AS a
),
item_folds AS (
  SELECT unit_id, survey, item, gender, age_band, education, occupation, service, channel,
         COUNT(*) AS answers, SUM(score) AS score_sum
  FROM scores
  GROUP BY unit_id, survey, item, gender, age_band, education, occupation, service, channel
),
people_folds AS (
  SELECT unit_id, survey, gender, age_band, education, occupation, service, channel, COUNT(*) AS respondents,
         SUM(mean_score) AS score_sum, SUM(mean_score * mean_score) AS score_squares
  FROM (
    SELECT unit_id, survey, response_id, gender, age_band, education, occupation, service, channel,
           AVG(score) AS mean_score
    FROM scores
    GROUP BY unit_id, survey, response_id, gender, age_band, education, occupation, service, channel
  )
  GROUP BY unit_id, survey, gender, age_band, education, occupation, service, channel
),
item_groups AS (
  SELECT unit_id, survey, 'all' AS dimension, 'all' AS group_value, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'gender', gender, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'age_band', age_band, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'education', education, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'occupation', occupation, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'service', service, item, answers, score_sum FROM item_folds
  UNION ALL SELECT unit_id, survey, 'channel', channel, item, answers, score_sum FROM item_folds
),
people_groups AS (
  SELECT unit_id, survey, 'all' AS dimension, 'all' AS group_value, respondents, score_sum, score_squares
  FROM people_folds
  UNION ALL SELECT unit_id, survey, 'gender', gender, respondents, score_sum, score_squares FROM people_folds
  UNION ALL SELECT unit_id, survey, 'age_band', age_band, respondents, score_sum, score_squares FROM people_folds
  UNION ALL SELECT unit_id, survey, 'education', education, respondents, score_sum, score_squares FROM people_folds
  UNION ALL SELECT unit_id, survey, 'occupation', occupation, respondents, score_sum, score_squares FROM people_folds
  UNION ALL SELECT unit_id, survey, 'service', service, respondents, score_sum, score_squares FROM people_folds
  UNION ALL SELECT unit_id, survey, 'channel', channel, respondents, score_sum, score_squares FROM people_folds
),
items AS (
  SELECT unit_id, survey, dimension, group_value,
         ARRAY_AGG(STRUCT(item AS item, answers AS answers, score_sum AS score_sum)) AS items
  FROM (
    SELECT unit_id, survey, dimension, group_value, item, SUM(answers) AS answers, SUM(score_sum) AS score_sum
    FROM item_groups
    WHERE group_value IS NOT NULL
    GROUP BY unit_id, survey, dimension, group_value, item
  )
  GROUP BY unit_id, survey, dimension, group_value
),
people AS (
  SELECT unit_id, survey, dimension, group_value, SUM(respondents) AS respondents, SUM(score_sum) AS score_sum,
         SUM(score_squares) AS score_squares
  FROM people_groups
  WHERE group_value IS NOT NULL
  GROUP BY unit_id, survey, dimension, group_value
)
SELECT p.unit_id, p.survey, p.dimension, p.group_value, p.respondents, p.score_sum, p.score_squares, i.items
FROM people AS p
JOIN items AS i
  ON i.unit_id = p.unit_id AND i.survey = p.survey AND i.dimension = p.dimension AND i.group_value = p.group_value
