"""Item analysis against worked examples: difficulty, the upper-lower discrimination index, point-biserial."""
import statistics

from lms.assessments.statistics import Response, analyse, discrimination_index, point_biserial

SCORES = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10]


def responses(correct: list[bool]) -> list[Response]:
    return [Response(n, "bank/q", score, True, right) for n, (score, right) in enumerate(zip(SCORES, correct))]


def test_the_discrimination_index_compares_the_top_and_bottom_27_percent():
    # Ten candidates: groups of round(2.7) = 3. Top three (100, 90, 80) got it right twice, bottom three never.
    good = responses([True, True, False, True, False, True, False, False, False, False])
    assert discrimination_index(good) == 0.667
    # A flawed item that weak candidates get right and strong ones miss discriminates negatively.
    flawed = responses([False, False, False, False, False, True, True, True, True, True])
    assert discrimination_index(flawed) == -1.0
    assert discrimination_index(good[:1]) is None


def test_the_point_biserial_equals_the_pearson_correlation_with_a_0_1_variable():
    pattern = [True, True, False, True, False, True, False, False, True, False]
    expected = statistics.correlation([1.0 if right else 0.0 for right in pattern], [float(s) for s in SCORES])
    assert abs(point_biserial(responses(pattern)) - expected) < 0.001
    assert point_biserial(responses([True] * 10)) is None  # no variation in the item: undefined


def test_analysis_per_question_flags_items_to_review():
    rows = responses([True] * 10) + [Response(n, "bank/hard", s, n % 2 == 0, False) for n, s in enumerate(SCORES)]
    stats = analyse(rows)
    easy, hard = stats["bank/q"], stats["bank/hard"]
    assert (easy.seen, easy.correct, easy.difficulty, easy.needs_review) == (10, 10, 1.0, True)
    assert (hard.seen, hard.answered, hard.correct, hard.needs_review) == (10, 5, 0, True)
