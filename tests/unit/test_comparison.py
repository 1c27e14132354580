"""Changes between periods are called up or down only when significant (Welch's t, α = 5 %)."""

from hypothesis import given
from hypothesis import strategies as st

from shared.rules import comparison, eligibility


def row(scores: list[float]) -> dict:
    return {"respondents": len(scores), "score_sum": sum(scores), "score_squares": sum(s * s for s in scores)}


def test_worked_by_hand():
    # Before: 3.0 and 3.2 alternating (mean 3.1, s² = 0.0103); now: 3.4 and 3.6 (mean 3.5): 40 each.
    # se = sqrt(2 x 0.0103/40) = 0.0227, t = 0.4/0.0227 = 17.6 >> 2.0: up.
    before, now = row([3.0, 3.2] * 20), row([3.4, 3.6] * 20)
    assert comparison.compare(now, before) == "naik" and comparison.compare(before, now) == "turun"
    # A small period against a spread-out one: means 3.0 (40 respondents, s = 1.01) and 3.25 (4, s = 0.96):
    # t = 0.25 / sqrt(1.03/40 + 0.92/4) = 0.49, far below t(0.975, df 3) = 3.18: not significant.
    wide_before, wide_now = row([2.0, 4.0] * 20), row([2.0, 4.0, 3.0, 4.0])
    assert comparison.compare(wide_now, wide_before) == "tidak berbeda nyata"
    assert comparison.compare(row([3.0]), before) is None  # one respondent: no spread to test
    assert comparison.compare(row([3.0] * 5), row([2.0] * 5)) == "naik"  # no spread at all: a real difference


@given(st.lists(st.sampled_from([1.0, 2.0, 3.0, 4.0]), min_size=2, max_size=50))
def test_a_period_never_differs_from_itself(scores):
    assert comparison.compare(row(scores), row(scores)) == "tidak berbeda nyata"


def test_too_few_respondents_are_not_graded():
    assert not eligibility.enough({"respondents": 29}, 30) and eligibility.enough({"respondents": 30}, 30)


def test_reports_name_a_change_only_when_it_is_significant():
    from shared.rules.comparison import standing
    from shared.text.changes import change_text, movement

    before = row([3.0, 3.2] * 20) | {"index_converted": "77.50"}
    now = row([3.4, 3.6] * 20) | {"index_converted": "87.50"}
    close = row([2.0, 4.0, 3.0, 4.0] * 10) | {"index_converted": "81.25"}
    wide = row([2.0, 4.0] * 20) | {"index_converted": "75.00"}
    assert movement(now, before, "Triwulan II 2026", 30) == (
        "IKM naik 10,00 poin dibanding Triwulan II 2026 (77,50 menjadi 87,50); "
        "perubahan ini berbeda nyata (uji t Welch, α = 5%)."
    )
    assert movement(now, before, "Quarter II 2026", 30, "en").startswith("IKM rose 10.00 points against Quarter II")
    # +6.25 points but the spread is wide: t = 0.25 / sqrt(1.03/40 + 0.59/40) = 1.24 < 1.99
    assert movement(close, wide, "Triwulan II 2026", 30) == (
        "IKM 81,25 dibanding 75,00 pada Triwulan II 2026 (selisih +6,25 poin): "
        "tidak berbeda nyata (uji t Welch, α = 5%)."
    )
    assert "data belum cukup (kurang dari 50 responden)" in movement(now, before, "Triwulan II 2026", 50)
    assert movement(now, None, "Triwulan II 2026", 30) == "Belum ada data periode sebelumnya untuk dibandingkan."
    plan = [{"action": "a", "status": "selesai"}, {"action": "b", "status": "berjalan"}, {"action": ""}]
    moved = standing(close | {"enough": True}, wide, plan)
    assert moved["change_verdict"] == "tidak berbeda nyata" and str(moved["change_points"]) == "6.25"
    assert (moved["follow_up_done"], moved["follow_up_planned"]) == (1, 2)
    assert change_text(moved["change_verdict"], moved["change_points"]) == "tidak berbeda nyata (+6,25)"
    assert standing(close | {"enough": False}, wide, [])["change_verdict"] is None
