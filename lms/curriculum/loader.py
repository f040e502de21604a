"""Read courses from disk and check every rule; report all problems at once, naming file and field."""
import hashlib
import re
from pathlib import Path

from lms.curriculum.content import (
    COURSE_COMPLETIONS,
    DELIVERIES,
    KINDS,
    MODULE_COMPLETIONS,
    Course,
    Lesson,
    Module,
    Problem,
)
from lms.curriculum.markdown import render_lesson, unsafe_parts
from lms.curriculum.toml_files import Report, check_keys, read_toml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum)\b", re.IGNORECASE)
COURSE_KEYS = {"slug": str, "title": str, "version": str, "kind": str, "audience": str, "total_hours": (int, float),
               "description": str, "prerequisites": list, "completion": list, "modules": list}
MODULE_KEYS = {"slug": str, "title": str, "hours": (int, float), "delivery": str, "completion": str,
               "objectives": list, "preparation": str, "what_happens": str}
OPTIONAL_MODULE_KEYS = {"knowledge_check": str}


def content_hash(folder: Path) -> str:
    """SHA-256 over every file's relative path and bytes, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder).as_posix()).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load_lesson(path: Path, report: Report) -> Lesson | None:
    text = path.read_text(encoding="utf-8")
    first, _, body = text.partition("\n")
    if not first.startswith("# ") or not first[2:].strip():
        report.add(path, "title", "the first line must be a level-1 heading: '# Title'")
        return None
    if PLACEHOLDER.search(text):
        report.add(path, "text", f"contains placeholder text ({PLACEHOLDER.search(text).group(0)!r})")
    html = render_lesson(body)
    for part in unsafe_parts(body):
        report.add(path, "text", f"contains {part}, which is removed from the page: write plain Markdown")
    if not body.strip():
        report.add(path, "text", "is empty")
    return Lesson(slug=path.stem, title=first[2:].strip(), html=html, words=len(body.split()))


def _load_module(folder: Path, assessments: Path, report: Report) -> Module | None:
    path = folder / "module.toml"
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, MODULE_KEYS, OPTIONAL_MODULE_KEYS, report):
        return None
    if not SLUG.match(data["slug"]):
        report.add(path, "slug", "use lowercase letters, digits and hyphens")
    hours = float(data["hours"])
    if hours <= 0 or (hours * 4) != int(hours * 4):
        report.add(path, "hours", f"expected a positive multiple of 0.25, found {data['hours']}")
    if data["delivery"] not in DELIVERIES:
        report.add(path, "delivery", f"expected one of {', '.join(DELIVERIES)}, found {data['delivery']!r}")
    if data["completion"] not in MODULE_COMPLETIONS:
        report.add(path, "completion", f"expected one of {', '.join(MODULE_COMPLETIONS)}, found {data['completion']!r}")
    objectives = data["objectives"]
    if not 3 <= len(objectives) <= 6 or not all(isinstance(o, str) and o.strip() for o in objectives):
        report.add(path, "objectives", f"expected 3 to 6 non-empty sentences, found {len(objectives)}")
    if data["delivery"] in DELIVERIES and data["delivery"] != "online":
        for key in ("preparation", "what_happens"):
            if not data[key].strip():
                report.add(path, key, f"is empty: a {data['delivery']} module says what to prepare and what happens")
    check = data.get("knowledge_check")
    if data["completion"] == "knowledge-check" and not check:
        report.add(path, "knowledge_check", "is missing: completion is 'knowledge-check'")
    if check and not (assessments / "banks" / f"{check}.toml").is_file():
        report.add(path, "knowledge_check", f"names question bank {check!r}, but assessments/banks/{check}.toml does not exist")
    lesson_files = sorted((folder / "lessons").glob("*.md"))
    if not lesson_files:
        report.add(folder / "lessons", "-", "no lessons: add at least one Markdown file")
    lessons = tuple(lesson for lesson in (_load_lesson(p, report) for p in lesson_files) if lesson)
    return Module(
        slug=data["slug"], folder=folder.name, title=data["title"].strip(), hours=hours, delivery=data["delivery"],
        completion=data["completion"], objectives=tuple(o.strip() for o in objectives if isinstance(o, str)),
        preparation=data["preparation"].strip(), what_happens=data["what_happens"].strip(), lessons=lessons,
        knowledge_check=check,
    )


def load_course(folder: Path, assessments: Path, report: Report) -> Course | None:
    path = folder / "course.toml"
    data = read_toml(path, report)
    if data is None or not check_keys(data, path, COURSE_KEYS, {}, report):
        return None
    if not SLUG.match(data["slug"]):
        report.add(path, "slug", "use lowercase letters, digits and hyphens")
    if data["kind"] not in KINDS:
        report.add(path, "kind", f"expected one of {', '.join(KINDS)}, found {data['kind']!r}")
    for rule in data["completion"]:
        if rule not in COURSE_COMPLETIONS:
            report.add(path, "completion", f"unknown rule {rule!r} (expected from {', '.join(COURSE_COMPLETIONS)})")
    modules, seen = [], set()
    for name in data["modules"]:
        module_folder = folder / "modules" / str(name)
        if not module_folder.is_dir():
            report.add(path, "modules", f"lists {name!r}, but modules/{name}/ does not exist")
            continue
        module = _load_module(module_folder, assessments, report)
        if module is None:
            continue
        if module.slug in seen:
            report.add(module_folder / "module.toml", "slug", f"duplicate module slug {module.slug!r}")
        seen.add(module.slug)
        modules.append(module)
    listed = {str(name) for name in data["modules"]}
    for stray in sorted(p.name for p in (folder / "modules").glob("*") if p.is_dir() and p.name not in listed):
        report.add(path, "modules", f"modules/{stray}/ exists but is not listed")
    course = Course(
        slug=data["slug"], title=data["title"].strip(), version=data["version"].strip(),
        content_hash=content_hash(folder), kind=data["kind"], audience=data["audience"].strip(),
        total_hours=float(data["total_hours"]), description=data["description"].strip(),
        prerequisites=tuple(str(p) for p in data["prerequisites"]), completion=tuple(data["completion"]),
        modules=tuple(modules),
    )
    if len(modules) == len(data["modules"]):
        total = sum(module.hours for module in modules)
        if abs(total - course.total_hours) > 1e-9:
            report.add(path, "total_hours", f"declares {course.total_hours:g} h but the modules add up to {total:g} h")
        if course.kind == "advanced" and course.scenario_hours < 0.25 * course.total_hours:
            report.add(path, "modules", f"role play is {course.scenario_hours:g} h: at least 25% of "
                                        f"{course.total_hours:g} h must be scenario modules")
    return course


def load_catalogue(root: Path, assessments: Path) -> tuple[dict[str, Course], list[Problem]]:
    """Load every course under root (or root itself if it is one course); return courses and problems."""
    report = Report(root if not (root / "course.toml").is_file() else root.parent)
    folders = [root] if (root / "course.toml").is_file() else sorted(p for p in root.iterdir() if (p / "course.toml").is_file())
    courses: dict[str, Course] = {}
    for folder in folders:
        course = load_course(folder, assessments, report)
        if course is None:
            continue
        if course.slug in courses:
            report.add(folder / "course.toml", "slug", f"duplicate course slug {course.slug!r}")
            continue
        courses[course.slug] = course
    return courses, report.problems
