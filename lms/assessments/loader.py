"""Read question banks and exams from assessments/ and check every rule, reporting all problems at once."""
from pathlib import Path

from lms.assessments.content import REVIEWS, Bank, CheckSettings, Draw, Exam
from lms.assessments.questions import TYPES, Question
from lms.curriculum.content import Problem
from lms.curriculum.loader import PLACEHOLDER, SLUG
from lms.curriculum.toml_files import Report, check_keys, read_toml

BANK_KEYS = {"slug": str, "title": str, "topic": str, "questions": list}
CHECK_KEYS = {"pass_mark": int, "attempts": int, "count": int}
QUESTION_KEYS = {"id": str, "type": str, "prompt": str, "explanation": str}
EXAM_KEYS = {"slug": str, "title": str, "course": str, "draw": list}
EXAM_OPTIONAL = {"time_limit_minutes": int, "attempts": int, "pass_mark": int, "shuffle_questions": bool,
                 "shuffle_options": bool, "review": str}


def _load_question(raw, bank: dict, n: int, path: Path, report: Report) -> Question | None:
    where = f"questions[{n}]"
    if not isinstance(raw, dict):
        report.add(path, where, "expected a [[questions]] table")
        return None
    kind = TYPES.get(raw.get("type")) if isinstance(raw.get("type"), str) else None
    if kind is None:
        report.add(path, f"{where}.type", f"expected one of {', '.join(TYPES)}, found {raw.get('type')!r}")
        return None
    label = f"{where} ({raw.get('id', '?')})"
    problems_before = len(report.problems)
    keys_ok = check_keys(raw, path, {**QUESTION_KEYS, **kind.fields}, {"topic": str}, report)
    report.problems[problems_before:] = [Problem(p.path, f"{label}.{p.field}", p.message)
                                          for p in report.problems[problems_before:]]
    if not keys_ok:
        return None
    for field, message in kind.check(raw):
        report.add(path, f"{label}.{field}", message)
    for key in ("prompt", "explanation"):
        if not raw[key].strip():
            report.add(path, f"{label}.{key}", "is empty")
        elif PLACEHOLDER.search(raw[key]):
            report.add(path, f"{label}.{key}", "contains placeholder text")
    if not SLUG.match(raw["id"]):
        report.add(path, f"{label}.id", "use lowercase letters, digits and hyphens")
    spec = {key: raw[key] for key in kind.fields}
    return Question(bank=bank["slug"], id=raw["id"], type=raw["type"], topic=raw.get("topic", bank["topic"]),
                    prompt=raw["prompt"].strip(), explanation=raw["explanation"].strip(), spec=spec)


def load_bank(path: Path, report: Report) -> Bank | None:
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, BANK_KEYS, {"check": dict}, report):
        return None
    if data["slug"] != path.stem:
        report.add(path, "slug", f"must equal the file name ({path.stem!r})")
    check = CheckSettings()
    if "check" in data and check_keys(data["check"], path, {}, CHECK_KEYS, report):
        check = CheckSettings(**data["check"])
        if not 1 <= check.pass_mark <= 100:
            report.add(path, "check.pass_mark", "expected a percentage from 1 to 100")
        if check.attempts < 1:
            report.add(path, "check.attempts", "expected at least 1")
        if not 0 <= check.count <= len(data["questions"]):
            report.add(path, "check.count", f"expected 0 (all) to {len(data['questions'])}")
    questions, seen = [], set()
    for n, raw in enumerate(data["questions"]):
        question = _load_question(raw, data, n, path, report)
        if question is None:
            continue
        if question.id in seen:
            report.add(path, f"questions[{n}].id", f"duplicate question id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    if not data["questions"]:
        report.add(path, "questions", "a bank needs at least one question")
    return Bank(slug=data["slug"], title=data["title"].strip(), topic=data["topic"], questions=tuple(questions),
                check=check)


def load_exam(path: Path, banks: dict[str, Bank], report: Report) -> Exam | None:
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, EXAM_KEYS, EXAM_OPTIONAL, report):
        return None
    if data["slug"] != path.stem:
        report.add(path, "slug", f"must equal the file name ({path.stem!r})")
    draws = []
    for n, raw in enumerate(data["draw"]):
        if not isinstance(raw, dict) or not check_keys(raw, path, {"bank": str, "count": int}, {}, report):
            continue
        bank = banks.get(raw["bank"])
        if bank is None:
            report.add(path, f"draw[{n}].bank", f"names bank {raw['bank']!r}, but assessments/banks/{raw['bank']}.toml "
                                                "does not exist or does not load")
        elif not 1 <= raw["count"] <= len(bank.questions):
            report.add(path, f"draw[{n}].count", f"expected 1 to {len(bank.questions)} (the bank's questions)")
        draws.append(Draw(raw["bank"], raw["count"]))
    if not data["draw"]:
        report.add(path, "draw", "an exam draws from at least one bank")
    exam = Exam(slug=data["slug"], title=data["title"].strip(), course=data["course"], draws=tuple(draws),
                **{key: data[key] for key in EXAM_OPTIONAL if key in data})
    if exam.review not in REVIEWS:
        report.add(path, "review", f"expected one of {', '.join(REVIEWS)}")
    if not 1 <= exam.pass_mark <= 100:
        report.add(path, "pass_mark", "expected a percentage from 1 to 100")
    if exam.attempts < 1 or exam.time_limit_minutes < 0:
        report.add(path, "attempts", "expected at least 1 attempt and a time limit of 0 (none) or more minutes")
    return exam


def load_assessments(root: Path) -> tuple[dict[str, Bank], dict[str, Exam], list[Problem]]:
    """Every bank and exam under root; problems are listed, never raised."""
    report = Report(root)
    banks: dict[str, Bank] = {}
    for path in sorted((root / "banks").glob("*.toml")):
        bank = load_bank(path, report)
        if bank is not None:
            banks[bank.slug] = bank
    exams: dict[str, Exam] = {}
    for path in sorted((root / "exams").glob("*.toml")):
        exam = load_exam(path, banks, report)
        if exam is not None:
            exams[exam.slug] = exam
    return banks, exams, report.problems
