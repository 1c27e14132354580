-- The stored facts of the period's quarters (`quarter_facts`), each quarter's newest run only: a
-- run writes all its rows with one INSERT, and a later run of the same quarter supersedes it.
(
  SELECT *
  FROM (
    SELECT *, DENSE_RANK() OVER (PARTITION BY quarter_start ORDER BY computed_at DESC, run DESC) AS newest_run
    FROM `{dataset}.quarter_facts`
    WHERE quarter_start >= @period_start AND quarter_start < @period_end
  )
  WHERE newest_run = 1
)
