"""The form fields a learner's browser posts for an answer, as the exam page lays them out (the reverse of the
view's reading of the form): used by the demo, the benchmarks and the tests to answer like a browser."""

SLOTTED = ("ordering", "matching")  # one form field per item shown, rather than one field with many values


def as_form(item, answer) -> dict[str, object]:
    """The fields for a stored answer to one question of the paper."""
    q, name = item.question, f"q{item.position}"
    values = q.kind.form_values(q, list(item.layout), answer)
    if q.type in SLOTTED:
        return {f"slots{item.position}": str(len(values)), **{f"{name}-{k}": v for k, v in enumerate(values)}}
    return {name: values}


def right_answers(items) -> dict[str, object]:
    """Every question of the paper answered rightly, with the `shown` list of positions."""
    data: dict[str, object] = {"shown": [str(item.position) for item in items]}
    for item in items:
        data.update(as_form(item, item.question.kind.right_answer(item.question)))
    return data
