"""Question types as strategies: each checks its definition, lays a question out for one attempt, reads an
answer from a form, scores it and says what the right answer was. Adding a type touches only this registry."""
import random
from dataclasses import dataclass, field


class AnswerRefused(ValueError):
    """An answer that does not fit the question (an option that is not offered, a broken order)."""


@dataclass(frozen=True)
class Question:
    """One question of a bank. `spec` holds the type's own fields, as loaded (options, answer, items, pairs)."""

    bank: str
    id: str
    type: str
    topic: str
    prompt: str
    explanation: str
    spec: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """Bank and id together: how attempts and statistics refer to a question."""
        return f"{self.bank}/{self.id}"

    @property
    def kind(self) -> "QuestionType":
        return TYPES[self.type]


class QuestionType:
    """The strategy interface. A layout is the order things are shown in for one attempt (a list of indices
    into the question's own lists); an answer is stored as JSON in terms of those own indices."""

    name = ""
    label = ""
    fields: dict = {}

    def check(self, spec: dict) -> list[tuple[str, str]]:
        """Problems with the definition, as (field, message)."""
        raise NotImplementedError

    def layout(self, question: Question, rng: random.Random, shuffle: bool) -> list[int]:
        return []

    def parse(self, question: Question, layout: list[int], values: list[str]):
        """Turn submitted form values into the stored answer, or None when nothing is chosen yet."""
        raise NotImplementedError

    def score(self, question: Question, answer) -> float:
        raise NotImplementedError

    def correct_text(self, question: Question) -> list[str]:
        raise NotImplementedError

    def right_answer(self, question: Question):
        """The stored form of the right answer."""
        raise NotImplementedError

    def form_values(self, question: Question, layout: list[int], answer) -> list[str]:
        """What a form posts for a stored answer (the inverse of `parse`), e.g. to show or to replay it."""
        return [str(n) for n in answer]

    def answer_text(self, question: Question, answer) -> list[str]:
        raise NotImplementedError


def _indices(values: list[str], size: int) -> list[int]:
    try:
        chosen = sorted({int(value) for value in values})
    except ValueError:
        raise AnswerRefused("Choose from the options shown.") from None
    if any(not 0 <= index < size for index in chosen):
        raise AnswerRefused("Choose from the options shown.")
    return chosen


def _shuffled(size: int, rng: random.Random, shuffle: bool) -> list[int]:
    order = list(range(size))
    if shuffle:
        rng.shuffle(order)
    return order


class _Options(QuestionType):
    """Shared by single and multiple choice: `options = [{ text = "...", correct = true }, ...]`."""

    fields = {"options": list}
    sizes = (2, 6)

    def check(self, spec):
        options = spec.get("options", [])
        problems = []
        low, high = self.sizes
        if not low <= len(options) <= high:
            problems.append(("options", f"needs {low} to {high} options, found {len(options)}"))
        for n, option in enumerate(options, start=1):
            if not isinstance(option, dict) or not isinstance(option.get("text"), str) or not option["text"].strip():
                problems.append(("options", f"option {n} needs a `text`"))
            elif set(option) - {"text", "correct"} or not isinstance(option.get("correct", False), bool):
                problems.append(("options", f"option {n} may only have `text` and `correct = true`"))
        return problems + self._check_correct(sum(1 for o in options if isinstance(o, dict) and o.get("correct")))

    def _check_correct(self, count: int):
        raise NotImplementedError

    def layout(self, question, rng, shuffle):
        return _shuffled(len(question.spec["options"]), rng, shuffle)

    def _right(self, question) -> list[int]:
        return [n for n, option in enumerate(question.spec["options"]) if option.get("correct")]

    def score(self, question, answer):
        return 1.0 if isinstance(answer, list) and sorted(answer) == self._right(question) else 0.0

    def right_answer(self, question):
        return self._right(question)

    def correct_text(self, question):
        return [question.spec["options"][n]["text"] for n in self._right(question)]

    def answer_text(self, question, answer):
        return [question.spec["options"][n]["text"] for n in (answer if isinstance(answer, list) else [])]


class SingleChoice(_Options):
    name, label = "single", "Choose one"

    def _check_correct(self, count):
        return [] if count == 1 else [("options", f"needs exactly one correct option, found {count}")]

    def parse(self, question, layout, values):
        values = [value for value in values if value != ""]
        if not values:
            return None
        if len(values) > 1:
            raise AnswerRefused("Choose one option.")
        return _indices(values, len(question.spec["options"]))


class MultipleChoice(_Options):
    name, label = "multiple", "Choose all that apply"
    sizes = (3, 8)

    def _check_correct(self, count):
        return [] if count >= 1 else [("options", "needs at least one correct option")]

    def parse(self, question, layout, values):
        values = [value for value in values if value != ""]
        return _indices(values, len(question.spec["options"])) if values else None


class TrueFalse(QuestionType):
    name, label = "true-false", "True or false"
    fields = {"answer": bool}

    def check(self, spec):
        return [] if isinstance(spec.get("answer"), bool) else [("answer", "needs `answer = true` or `false`")]

    def parse(self, question, layout, values):
        values = [value for value in values if value != ""]
        if not values:
            return None
        if values != ["true"] and values != ["false"]:
            raise AnswerRefused("Choose true or false.")
        return values[0] == "true"

    def score(self, question, answer):
        return 1.0 if answer is question.spec["answer"] else 0.0

    def right_answer(self, question):
        return question.spec["answer"]

    def form_values(self, question, layout, answer):
        return ["true" if answer else "false"]

    def correct_text(self, question):
        return ["True" if question.spec["answer"] else "False"]

    def answer_text(self, question, answer):
        return [] if answer is None else ["True" if answer else "False"]


class Ordering(QuestionType):
    """`items` listed in the right order; shown shuffled; the learner gives each a position."""

    name, label = "ordering", "Put in order"
    fields = {"items": list}

    def check(self, spec):
        items = spec.get("items", [])
        if not 3 <= len(items) <= 8 or not all(isinstance(item, str) and item.strip() for item in items):
            return [("items", f"needs 3 to 8 items of text, found {len(items)}")]
        return []

    def layout(self, question, rng, shuffle):
        order = _shuffled(len(question.spec["items"]), rng, True)
        if order == sorted(order):  # never show the answer as the starting order
            order = order[1:] + order[:1]
        return order

    def parse(self, question, layout, values):
        """values[k] is the position (1..n) given to the k-th item as shown; the answer lists item indices in
        the order the learner put them."""
        size = len(question.spec["items"])
        if all(value == "" for value in values):
            return None
        try:
            positions = [int(value) for value in values]
        except ValueError:
            raise AnswerRefused("Give every item a position.") from None
        if len(positions) != size or sorted(positions) != list(range(1, size + 1)):
            raise AnswerRefused(f"Give each item a different position from 1 to {size}.")
        placed = sorted(zip(positions, layout))
        return [item for _, item in placed]

    def score(self, question, answer):
        return 1.0 if answer == list(range(len(question.spec["items"]))) else 0.0

    def right_answer(self, question):
        return list(range(len(question.spec["items"])))

    def form_values(self, question, layout, answer):
        return [str(answer.index(item) + 1) for item in layout]

    def correct_text(self, question):
        return list(question.spec["items"])

    def answer_text(self, question, answer):
        return [question.spec["items"][n] for n in (answer or [])]


class Matching(QuestionType):
    """`pairs = [{ left, right }]`; the rights are shown shuffled; the learner picks a right for each left."""

    name, label = "matching", "Match each item"
    fields = {"pairs": list}

    def check(self, spec):
        pairs = spec.get("pairs", [])
        if not 3 <= len(pairs) <= 8:
            return [("pairs", f"needs 3 to 8 pairs, found {len(pairs)}")]
        if not all(isinstance(p, dict) and set(p) == {"left", "right"} and all(isinstance(v, str) and v.strip()
                                                                               for v in p.values()) for p in pairs):
            return [("pairs", "each pair needs exactly `left` and `right` text")]
        if len({p["right"] for p in pairs}) != len(pairs):
            return [("pairs", "two pairs share the same `right`: each must be different")]
        return []

    def layout(self, question, rng, shuffle):
        return _shuffled(len(question.spec["pairs"]), rng, True)

    def parse(self, question, layout, values):
        """values[k] is the index of the right chosen for the k-th left (lefts keep their order)."""
        size = len(question.spec["pairs"])
        if all(value == "" for value in values):
            return None
        if len(values) != size:
            raise AnswerRefused("Match every item.")
        try:
            chosen = [int(value) if value != "" else None for value in values]
        except ValueError:
            raise AnswerRefused("Match every item from the list.") from None
        if any(value is not None and not 0 <= value < size for value in chosen):
            raise AnswerRefused("Match every item from the list.")
        return chosen

    def score(self, question, answer):
        return 1.0 if answer == list(range(len(question.spec["pairs"]))) else 0.0

    def right_answer(self, question):
        return list(range(len(question.spec["pairs"])))

    def form_values(self, question, layout, answer):
        return ["" if right is None else str(right) for right in answer]

    def correct_text(self, question):
        return [f"{p['left']}: {p['right']}" for p in question.spec["pairs"]]

    def answer_text(self, question, answer):
        pairs = question.spec["pairs"]
        return [f"{pairs[n]['left']}: {pairs[r]['right'] if r is not None else '(none)'}"
                for n, r in enumerate(answer or [])]


TYPES: dict[str, QuestionType] = {kind.name: kind for kind in
                                  (SingleChoice(), MultipleChoice(), TrueFalse(), Ordering(), Matching())}
