"""The loader for banks and exams: the test banks load; broken files are reported with file and field."""
import shutil
from pathlib import Path

import pytest

from lms.assessments.loader import load_assessments

DATA = Path(__file__).parents[1] / "data" / "assessments"


@pytest.fixture
def copy(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "assessments")
    return tmp_path / "assessments"


def problems_in(root: Path) -> list[str]:
    return [str(problem) for problem in load_assessments(root)[2]]


def test_the_test_banks_and_exam_load_cleanly():
    banks, exams, problems = load_assessments(DATA)
    assert problems == []
    assert {q.type for q in banks["tiny-bank"].questions} == {"single", "multiple", "true-false", "ordering",
                                                                "matching"}
    assert exams["tiny-exam"].question_count == 5 and exams["tiny-exam"].time_limit_minutes == 30


def test_a_question_with_no_correct_option_and_an_unknown_key_is_reported(copy):
    bank = copy / "banks" / "tiny-bank.toml"
    text = bank.read_text().replace('{ text = "Blue", correct = true }', '{ text = "Blue" }')
    bank.write_text(text.replace('answer = true\n', 'answer = true\nhint = "think"\n'))
    found = problems_in(copy)
    assert "assessments/banks/tiny-bank.toml: questions[0] (pick-one).options: needs exactly one correct option, " \
           "found 0" in found
    assert any("questions[2] (true-or-false).hint: unknown key" in line for line in found)


def test_an_exam_drawing_more_than_its_bank_or_from_a_missing_bank_is_reported(copy):
    exam = copy / "exams" / "tiny-exam.toml"
    exam.write_text(exam.read_text().replace("count = 5", "count = 9") +
                    '\n[[draw]]\nbank = "no-such-bank"\ncount = 1\n')
    found = problems_in(copy)
    assert "assessments/exams/tiny-exam.toml: draw[0].count: expected 1 to 5 (the bank's questions)" in found
    assert any("draw[1].bank: names bank 'no-such-bank'" in line for line in found)


def test_duplicate_ids_and_a_slug_that_is_not_the_file_name_are_reported(copy):
    bank = copy / "banks" / "tiny-bank.toml"
    bank.write_text(bank.read_text().replace('id = "pick-many"', 'id = "pick-one"').replace(
        'slug = "tiny-bank"', 'slug = "other"'))
    found = problems_in(copy)
    assert any("duplicate question id 'pick-one'" in line for line in found)
    assert any("slug: must equal the file name" in line for line in found)
