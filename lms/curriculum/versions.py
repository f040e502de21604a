"""Publishing course versions and reading old ones back exactly as they were taught."""
import json
from dataclasses import asdict

from sqlalchemy import select

from lms.audit import services as audit
from lms.curriculum.content import Course, Lesson, Module
from lms.curriculum.models import CourseVersion
from lms.extensions import db


def snapshot(course: Course) -> str:
    return json.dumps(asdict(course), sort_keys=True, ensure_ascii=False)


# Courses as published, by (slug, content hash): a published version never changes, so each process rebuilds
# one from its snapshot once, and reads the snapshot (a deferred column) only then.
_published: dict[tuple[str, str], Course] = {}


def course_of_version(version: CourseVersion) -> Course:
    """The course exactly as published in `version`."""
    return _course(version.course_slug, version.content_hash, lambda: version.snapshot)


def course_of_content(course_slug: str, content_hash: str) -> Course:
    """The course published with this content, for a page that read the two columns instead of the version."""
    return _course(course_slug, content_hash, lambda: db.session.scalar(
        select(CourseVersion.snapshot).where(CourseVersion.course_slug == course_slug,
                                             CourseVersion.content_hash == content_hash).limit(1)))


def _course(course_slug: str, content_hash: str, read_snapshot) -> Course:
    key = (course_slug, content_hash)
    course = _published.get(key)
    if course is None:
        course = _published[key] = course_from_snapshot(read_snapshot())
    return course


def course_from_snapshot(text: str) -> Course:
    """Rebuild a course from its snapshot."""
    data = json.loads(text)
    modules = tuple(
        Module(**{**m, "objectives": tuple(m["objectives"]), "lessons": tuple(Lesson(**lesson) for lesson in m["lessons"])})
        for m in data.pop("modules")
    )
    return Course(**{**data, "prerequisites": tuple(data["prerequisites"]), "completion": tuple(data["completion"]),
                     "modules": modules})


def current_version(slug: str) -> CourseVersion | None:
    """The newest published version of a course."""
    return db.session.execute(
        select(CourseVersion).where(CourseVersion.course_slug == slug)
        .order_by(CourseVersion.published_at.desc(), CourseVersion.id.desc()).limit(1)
    ).scalar_one_or_none()


def publish(course: Course, actor=None) -> CourseVersion | None:
    """Record the course's current files as a new version, unless exactly these files are published already."""
    existing = db.session.execute(
        select(CourseVersion.id).where(CourseVersion.course_slug == course.slug,
                                       CourseVersion.content_hash == course.content_hash)
    ).first()
    if existing:
        return None
    version = CourseVersion(
        course_slug=course.slug, version=course.version, content_hash=course.content_hash,
        version_id=course.version_id, title=course.title, kind=course.kind, total_hours=course.total_hours,
        published_by_id=actor.id if actor is not None else None, snapshot=snapshot(course),
    )
    db.session.add(version)
    db.session.flush()
    audit.record("course.published", object_type="course", object_id=course.slug, actor=actor,
                 details={"version_id": course.version_id})
    return version


def publish_all(courses: dict[str, Course], actor=None) -> list[CourseVersion]:
    return [version for course in courses.values() if (version := publish(course, actor)) is not None]


def history(slug: str) -> list[CourseVersion]:
    """Every published version of a course, newest first (snapshots are deferred: not loaded)."""
    return list(db.session.execute(
        select(CourseVersion).where(CourseVersion.course_slug == slug)
        .order_by(CourseVersion.published_at.desc(), CourseVersion.id.desc())
    ).scalars())
