"""Rater agreement against worked examples and an independent identity."""
import statistics

from hypothesis import given, strategies as st

from lms.scenarios.agreement import by_evaluator, exact_agreement, weighted_kappa, within_one


def test_cohens_kappa_on_the_textbook_two_by_two_example():
    # 50 items: both yes 20, yes/no 5, no/yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    pairs = [(2, 2)] * 20 + [(2, 1)] * 5 + [(1, 2)] * 10 + [(1, 1)] * 15
    assert weighted_kappa(pairs, range(1, 3)) == 0.4  # with two levels, weighting changes nothing


def test_perfect_and_reversed_agreement():
    assert weighted_kappa([(1, 1), (4, 4), (7, 7)], range(1, 8)) == 1.0
    assert weighted_kappa([(1, 2), (2, 1)], range(1, 8)) == -1.0
    assert weighted_kappa([(4, 4), (4, 4)], range(1, 8)) is None  # no spread: chance explains everything


@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=2, max_size=40))
def test_quadratic_kappa_equals_the_concordance_identity(pairs):
    """Quadratic weighted kappa = 2 cov(x, y) / (var x + var y + (mean x - mean y)^2), population moments."""
    xs, ys = [float(a) for a, _ in pairs], [float(b) for _, b in pairs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    covariance = statistics.fmean((x - mx) * (y - my) for x, y in zip(xs, ys))
    denominator = statistics.pvariance(xs) + statistics.pvariance(ys) + (mx - my) ** 2
    kappa = weighted_kappa(pairs, range(1, 8))
    if denominator == 0:
        assert kappa is None
    else:
        assert abs(kappa - 2 * covariance / denominator) < 0.001


def test_exact_and_within_one_agreement():
    pairs = [(3, 3), (3, 4), (2, 5), (6, 6)]
    assert (exact_agreement(pairs), within_one(pairs)) == (50.0, 75.0)
    assert exact_agreement([]) is None


def test_each_evaluator_is_compared_with_the_others_on_the_same_items():
    scores = [(1, 10, "safety", 4), (1, 11, "safety", 4), (1, 12, "safety", 6),
              (2, 10, "safety", 3), (2, 11, "safety", 5)]
    found = {a.evaluator_id: a for a in by_evaluator(scores, range(1, 8))}
    assert (found[10].pairs, found[10].exact, found[10].within_one) == (3, 33.3, 33.3)
    assert (found[12].pairs, found[12].exact) == (2, 0.0)
