"""Read rubrics and scenario scripts from assessments/ and check every rule, reporting all problems at once."""
from pathlib import Path

from lms.curriculum.content import Problem
from lms.curriculum.loader import PLACEHOLDER, SLUG
from lms.curriculum.toml_files import Report, check_keys, read_toml
from lms.scenarios.content import AGGREGATIONS, OVERALL_RULES, Criterion, Rubric, Scale, Scenario

RUBRIC_KEYS = {"slug": str, "title": str, "aggregation": str, "overall": str, "pass_score": (int, float),
               "disagreement_levels": int, "scale": dict, "criteria": list}
SCALE_KEYS = {"min": int, "max": int, "not_observed": bool}
SCALE_OPTIONAL = {"comment_required": list, "labels": dict}
CRITERION_KEYS = {"id": str, "title": str, "weight": (int, float), "floor": int, "anchors": dict}
SCENARIO_KEYS = {"slug": str, "title": str, "rubric": str, "critical": list, "minutes": int, "situation": str,
                 "officer_brief": str, "actor_brief": str, "evaluator_notes": str}


def _levels(table: dict, path: Path, field: str, report: Report) -> dict[int, str]:
    """A table keyed by level ("1" = "...") as {1: "..."}; keys that are not whole numbers are reported."""
    found = {}
    for key, value in table.items():
        if not str(key).lstrip("-").isdigit() or not isinstance(value, str) or not value.strip():
            report.add(path, field, f"{key!r}: expected a level number with text")
            continue
        found[int(key)] = value.strip()
    return found


def _scale(data: dict, path: Path, report: Report) -> Scale | None:
    if not check_keys(data, path, SCALE_KEYS, SCALE_OPTIONAL, report):
        return None
    if data["max"] <= data["min"]:
        report.add(path, "scale.max", "must be above scale.min")
        return None
    scale = Scale(min=data["min"], max=data["max"], not_observed=data["not_observed"],
                  comment_required=tuple(data.get("comment_required", ())),
                  labels=_levels(data.get("labels", {}), path, "scale.labels", report))
    outside = [level for level in (*scale.comment_required, *scale.labels) if level not in scale.levels]
    if outside:
        report.add(path, "scale", f"levels {outside} are outside {scale.min} to {scale.max}")
    return scale


def _criterion(raw, n: int, scale: Scale, path: Path, report: Report) -> Criterion | None:
    where = f"criteria[{n}]"
    if not isinstance(raw, dict) or not check_keys(raw, path, CRITERION_KEYS, {"optional": bool}, report):
        report.add(path, where, "needs id, title, weight, floor and anchors")
        return None
    where = f"{where} ({raw['id']})"
    anchors = _levels(raw["anchors"], path, f"{where}.anchors", report)
    if scale.min not in anchors or scale.max not in anchors:
        report.add(path, f"{where}.anchors", f"needs behaviour anchors for at least {scale.min} and {scale.max}, "
                                             f"found {sorted(anchors) or 'none'}")
    if any(level not in scale.levels for level in anchors):
        report.add(path, f"{where}.anchors", f"levels must be within {scale.min} to {scale.max}")
    if raw["floor"] not in scale.levels:
        report.add(path, f"{where}.floor", f"must be within {scale.min} to {scale.max}")
    if raw["weight"] <= 0:
        report.add(path, f"{where}.weight", "must be above 0")
    if not SLUG.match(raw["id"]):
        report.add(path, f"{where}.id", "use lowercase letters, digits and hyphens")
    return Criterion(id=raw["id"], title=raw["title"].strip(), weight=float(raw["weight"]), floor=raw["floor"],
                     anchors=anchors, optional=raw.get("optional", False))


def load_rubric(path: Path, report: Report) -> Rubric | None:
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, RUBRIC_KEYS, {}, report):
        return None
    if data["slug"] != path.stem:
        report.add(path, "slug", f"must equal the file name ({path.stem!r})")
    for key, allowed in (("aggregation", AGGREGATIONS), ("overall", OVERALL_RULES)):
        if data[key] not in allowed:
            report.add(path, key, f"expected one of {', '.join(allowed)}, found {data[key]!r}")
    scale = _scale(data["scale"], path, report)
    if scale is None:
        return None
    criteria = [c for n, raw in enumerate(data["criteria"]) if (c := _criterion(raw, n, scale, path, report))]
    if len({c.id for c in criteria}) != len(criteria):
        report.add(path, "criteria", "two criteria share an id")
    if not data["criteria"]:
        report.add(path, "criteria", "a rubric needs at least one criterion")
    if not scale.min <= data["pass_score"] <= scale.max:
        report.add(path, "pass_score", f"must be within {scale.min} to {scale.max}")
    if data["disagreement_levels"] < 0:
        report.add(path, "disagreement_levels", "must be 0 or more")
    return Rubric(slug=data["slug"], title=data["title"].strip(), aggregation=data["aggregation"],
                  overall=data["overall"], pass_score=float(data["pass_score"]),
                  disagreement_levels=data["disagreement_levels"], scale=scale, criteria=tuple(criteria))


def load_scenario(path: Path, rubrics: dict[str, Rubric], report: Report) -> Scenario | None:
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, SCENARIO_KEYS, {"pairs": bool}, report):
        return None
    if data["slug"] != path.stem:
        report.add(path, "slug", f"must equal the file name ({path.stem!r})")
    rubric = rubrics.get(data["rubric"])
    if rubric is None:
        report.add(path, "rubric", f"names rubric {data['rubric']!r}, but assessments/rubrics/{data['rubric']}.toml "
                                   "does not exist or does not load")
    else:
        for criterion_id in data["critical"]:
            if rubric.criterion(str(criterion_id)) is None:
                report.add(path, "critical", f"{criterion_id!r} is not a criterion of rubric {rubric.slug!r}")
    for key in ("situation", "officer_brief", "actor_brief", "evaluator_notes"):
        if not data[key].strip():
            report.add(path, key, "is empty")
        elif PLACEHOLDER.search(data[key]):
            report.add(path, key, "contains placeholder text")
    return Scenario(slug=data["slug"], title=data["title"].strip(), rubric=data["rubric"],
                    critical=tuple(str(c) for c in data["critical"]), pairs=data.get("pairs", False),
                    minutes=data["minutes"], situation=data["situation"].strip(),
                    officer_brief=data["officer_brief"].strip(), actor_brief=data["actor_brief"].strip(),
                    evaluator_notes=data["evaluator_notes"].strip())


def load_scenarios(root: Path) -> tuple[dict[str, Rubric], dict[str, Scenario], list[Problem]]:
    """Every rubric and scenario under root; problems are listed, never raised."""
    report = Report(root)
    rubrics = {r.slug: r for path in sorted((root / "rubrics").glob("*.toml")) if (r := load_rubric(path, report))}
    scenarios = {s.slug: s for path in sorted((root / "scenarios").glob("*.toml"))
                 if (s := load_scenario(path, rubrics, report))}
    return rubrics, scenarios, report.problems
