"""Each question type reads, scores and explains answers; grading uses stored answers only."""
import random

import pytest
from hypothesis import given, strategies as st

from lms.assessments.grading import grade
from lms.assessments.questions import TYPES, AnswerRefused, Question


def question(kind: str, **spec) -> Question:
    return Question(bank="b", id=f"{kind}-q", type=kind, topic="t", prompt="?", explanation="!", spec=spec)


SINGLE = question("single", options=[{"text": "A"}, {"text": "B", "correct": True}, {"text": "C"}])
MULTIPLE = question("multiple", options=[{"text": "A", "correct": True}, {"text": "B"}, {"text": "C", "correct": True}])
TRUE_FALSE = question("true-false", answer=False)
ORDERING = question("ordering", items=["first", "second", "third", "fourth"])
MATCHING = question("matching", pairs=[{"left": "L1", "right": "R1"}, {"left": "L2", "right": "R2"},
                                       {"left": "L3", "right": "R3"}])


def test_single_choice_scores_only_the_correct_option():
    kind = SINGLE.kind
    assert kind.score(SINGLE, kind.parse(SINGLE, [2, 0, 1], ["1"])) == 1.0
    assert kind.score(SINGLE, kind.parse(SINGLE, [2, 0, 1], ["0"])) == 0.0
    assert kind.parse(SINGLE, [0, 1, 2], []) is None
    with pytest.raises(AnswerRefused):
        kind.parse(SINGLE, [0, 1, 2], ["0", "1"])
    with pytest.raises(AnswerRefused):
        kind.parse(SINGLE, [0, 1, 2], ["7"])


def test_multiple_choice_needs_exactly_the_correct_set():
    kind = MULTIPLE.kind
    assert kind.score(MULTIPLE, kind.parse(MULTIPLE, [0, 1, 2], ["2", "0"])) == 1.0
    assert kind.score(MULTIPLE, kind.parse(MULTIPLE, [0, 1, 2], ["0"])) == 0.0
    assert kind.score(MULTIPLE, kind.parse(MULTIPLE, [0, 1, 2], ["0", "1", "2"])) == 0.0
    with pytest.raises(AnswerRefused):
        kind.parse(MULTIPLE, [0, 1, 2], ["x"])


def test_true_false():
    kind = TRUE_FALSE.kind
    assert kind.score(TRUE_FALSE, kind.parse(TRUE_FALSE, [], ["false"])) == 1.0
    assert kind.score(TRUE_FALSE, kind.parse(TRUE_FALSE, [], ["true"])) == 0.0
    with pytest.raises(AnswerRefused):
        kind.parse(TRUE_FALSE, [], ["maybe"])


def test_ordering_reads_positions_given_to_the_shuffled_items():
    kind = ORDERING.kind
    layout = [2, 0, 3, 1]  # shown: third, first, fourth, second
    answer = kind.parse(ORDERING, layout, ["3", "1", "4", "2"])
    assert answer == [0, 1, 2, 3] and kind.score(ORDERING, answer) == 1.0
    assert kind.score(ORDERING, kind.parse(ORDERING, layout, ["1", "2", "3", "4"])) == 0.0
    with pytest.raises(AnswerRefused, match="different position"):
        kind.parse(ORDERING, layout, ["1", "1", "2", "3"])


def test_the_ordering_layout_never_starts_in_the_right_order():
    for seed in range(200):
        assert ORDERING.kind.layout(ORDERING, random.Random(seed), True) != [0, 1, 2, 3]


def test_matching_needs_every_pair_right():
    kind = MATCHING.kind
    assert kind.score(MATCHING, kind.parse(MATCHING, [1, 2, 0], ["0", "1", "2"])) == 1.0
    assert kind.score(MATCHING, kind.parse(MATCHING, [1, 2, 0], ["1", "0", "2"])) == 0.0
    assert kind.answer_text(MATCHING, [0, None, 2]) == ["L1: R1", "L2: (none)", "L3: R3"]
    with pytest.raises(AnswerRefused):
        kind.parse(MATCHING, [0, 1, 2], ["0", "5", "1"])


@pytest.mark.parametrize("kind,spec,field", [
    ("single", {"options": [{"text": "A", "correct": True}, {"text": "B", "correct": True}]}, "options"),
    ("multiple", {"options": [{"text": "A"}, {"text": "B"}, {"text": "C"}]}, "options"),
    ("true-false", {"answer": "yes"}, "answer"),
    ("ordering", {"items": ["only", "two"]}, "items"),
    ("matching", {"pairs": [{"left": "a", "right": "x"}, {"left": "b", "right": "x"}, {"left": "c", "right": "y"}]},
     "pairs"),
])
def test_broken_definitions_are_reported(kind, spec, field):
    problems = TYPES[kind].check(spec)
    assert problems and problems[0][0] == field


PAPER = [SINGLE, MULTIPLE, TRUE_FALSE, ORDERING, MATCHING]
RIGHT = {0: [1], 1: [0, 2], 2: False, 3: [0, 1, 2, 3], 4: [0, 1, 2]}


def test_grading_counts_right_answers_and_applies_the_pass_mark():
    result = grade(PAPER, {**RIGHT, 2: True}, pass_mark=80)
    assert (result.correct, result.total, result.score, result.passed) == (4, 5, 80.0, True)
    assert grade(PAPER, {0: [1]}, pass_mark=80).score == 20.0
    assert grade(PAPER, {}, pass_mark=80).passed is False


answers_strategy = st.dictionaries(
    st.integers(min_value=0, max_value=4),
    st.one_of(st.none(), st.booleans(), st.lists(st.integers(min_value=0, max_value=5), max_size=5)))


@given(answers_strategy, st.integers(min_value=1, max_value=100))
def test_a_score_is_always_between_0_and_100_whatever_is_stored(stored, pass_mark):
    result = grade(PAPER, stored, pass_mark)
    assert 0.0 <= result.score <= 100.0 and 0 <= result.correct <= result.total == 5
    assert result.passed == (result.correct / result.total * 100 >= pass_mark - 1e-9)


@given(st.permutations(range(5)), answers_strategy)
def test_the_order_of_the_paper_does_not_change_the_score(order, stored):
    shuffled = [PAPER[n] for n in order]
    moved = {new: stored[old] for new, old in enumerate(order) if old in stored}
    assert grade(shuffled, moved, 80).correct == grade(PAPER, stored, 80).correct


@pytest.mark.parametrize("item", PAPER, ids=lambda q: q.type)
def test_form_values_replay_the_right_answer_through_parse(item):
    for seed in range(20):
        layout = item.kind.layout(item, random.Random(seed), True)
        right = item.kind.right_answer(item)
        assert item.kind.parse(item, layout, item.kind.form_values(item, layout, right)) == right
        assert item.kind.score(item, right) == 1.0
