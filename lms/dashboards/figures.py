"""The program's figures for the state and regional dashboards, each aggregated in SQL in one query (a column
per period), however many officers, certificates or academies there are."""
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select

from lms.academies.models import AcademyClass
from lms.applications.models import Application
from lms.assessments import catalogue as exams
from lms.assessments.models import ExamAttempt
from lms.certificates.models import Certificate, Renewal
from lms.certificates.scope import Scope, certificates_in
from lms.curriculum import catalogue as courses
from lms.dashboards.charts import Chart, Series, bar_chart
from lms.dashboards.periods import Period, months_ahead, months_back, quarters_back
from lms.extensions import db
from lms.scenarios.models import ScenarioRun, ScenarioSession

MONTHS, QUARTERS, AHEAD = 12, 5, 6


@dataclass(frozen=True)
class Figures:
    certified: Chart
    new_and_renewed: Chart
    expiries: Chart
    academies: Chart
    pass_rates: Chart


def _on(column, period: Period) -> ColumnElement:
    return and_(column >= period.first, column <= period.last)


def _at(column, period: Period) -> ColumnElement:
    """A UTC timestamp within the period's days."""
    start = datetime.combine(period.first, time(), UTC)
    return and_(column >= start, column < datetime.combine(period.last + timedelta(days=1), time(), UTC))


def _counts(query_columns: list, source) -> list[int]:
    return [int(value or 0) for value in db.session.execute(source.with_only_columns(*query_columns)).one()]


def certified_over_time(scope: Scope, today: date) -> Chart:
    """Officers holding an active CIT certification at the end of each of the last twelve months."""
    periods = months_back(today, MONTHS)

    def held(day: date) -> ColumnElement:
        return and_(Certificate.certified_on <= day, Certificate.valid_until >= day,
                    or_(Certificate.status.not_in(("revoked", "suspended")), Certificate.status_changed_on > day))

    source = certificates_in(scope, select(Certificate.id).where(Certificate.kind == "certification"))
    values = _counts([func.count(distinct(case((held(p.last), Certificate.person_id)))) for p in periods], source)
    return bar_chart("Officers holding an active CIT certification, at the end of each month",
                     [p.label for p in periods], [Series("Certified officers", tuple(values))])


def new_and_renewed(scope: Scope, today: date) -> Chart:
    periods = quarters_back(today, QUARTERS)
    issued = certificates_in(scope, select(Certificate.id).where(Certificate.kind == "certification",
                                                                 Certificate.supersedes_id.is_(None)))
    new = _counts([func.count(case((_on(Certificate.certified_on, p), 1))) for p in periods], issued)
    renewals = certificates_in(scope, select(Renewal.id).join(Certificate, Certificate.id == Renewal.certificate_id))
    renewed = _counts([func.count(case((_on(Renewal.renewed_on, p), 1))) for p in periods], renewals)
    return bar_chart("New CIT certifications and renewals per quarter", [p.label for p in periods],
                     [Series("New certifications", tuple(new)), Series("Renewals", tuple(renewed))])


def upcoming_expiries(scope: Scope, today: date) -> Chart:
    periods = months_ahead(today, AHEAD)
    active = certificates_in(scope, select(Certificate.id).where(Certificate.kind == "certification",
                                                                 Certificate.status == "active"))
    values = _counts([func.count(case((_on(Certificate.valid_until, p), 1))) for p in periods], active)
    return bar_chart("Active CIT certifications that expire, by month", [p.label for p in periods],
                     [Series("Certifications expiring", tuple(values))])


def academies_held(scope: Scope, today: date) -> Chart:
    """Academies that ended in each quarter, their seats and the seats filled."""
    periods = quarters_back(today, QUARTERS)
    source = select(AcademyClass.id)
    if scope.region_id is not None:
        source = source.where(AcademyClass.region_id == scope.region_id)
    columns = []
    for p in periods:
        ended = _on(AcademyClass.ends_on, p)
        columns += [func.count(case((ended, 1))), func.sum(case((ended, AcademyClass.capacity), else_=0)),
                    func.sum(case((ended, AcademyClass.seats_taken), else_=0))]
    values = _counts(columns, source)
    held, seats, filled = values[0::3], values[1::3], values[2::3]
    chart = bar_chart("Academies held per quarter: seats offered and filled", [p.label for p in periods],
                      [Series("Seats offered", tuple(seats)), Series("Seats filled", tuple(filled))])
    return replace(chart, note=f"Academies held: {', '.join(f'{n} in {p.label}' for n, p in zip(held, periods))}.")


def pass_rates(scope: Scope, today: date) -> Chart:
    """The share of state written exams and of final role plays passed, per quarter."""
    periods = quarters_back(today, QUARTERS)
    state_exams = [exam.slug for slug in courses.courses() if (exam := exams.state_exam(slug)) is not None]
    attempts = select(ExamAttempt.id).where(ExamAttempt.exam_slug.in_(state_exams), ExamAttempt.passed.is_not(None))
    runs = (select(ScenarioRun.id).join(ScenarioSession, ScenarioSession.id == ScenarioRun.session_id)
            .join(AcademyClass, AcademyClass.id == ScenarioSession.class_id)
            .where(ScenarioSession.final.is_(True), ScenarioRun.status == "decided"))
    if scope.region_id is not None:
        attempts = attempts.where(ExamAttempt.person_id.in_(
            select(Application.person_id).join(AcademyClass, AcademyClass.id == Application.class_id)
            .where(AcademyClass.region_id == scope.region_id)))
        runs = runs.where(AcademyClass.region_id == scope.region_id)
    exam = _counts([column for p in periods for column in (
        func.count(case((_at(ExamAttempt.submitted_at, p), 1))),
        func.count(case((and_(_at(ExamAttempt.submitted_at, p), ExamAttempt.passed.is_(True)), 1))))], attempts)
    played = _counts([column for p in periods for column in (
        func.count(case((_at(ScenarioRun.decided_at, p), 1))),
        func.count(case((and_(_at(ScenarioRun.decided_at, p), ScenarioRun.passed.is_(True)), 1))))], runs)
    return bar_chart("Pass rates per quarter: state written exam and final role plays", [p.label for p in periods],
                     [Series("State written exam", _rates(exam)), Series("Final role plays", _rates(played))],
                     unit="%", maximum=100)


def _rates(pairs: list[int]) -> tuple[float | None, ...]:
    """(total, passed, total, passed, ...) -> percentages; None where nothing was taken."""
    return tuple(round(100 * passed / total, 1) if total else None for total, passed in zip(pairs[0::2], pairs[1::2]))


def figures(scope: Scope, today: date) -> Figures:
    return Figures(certified_over_time(scope, today), new_and_renewed(scope, today), upcoming_expiries(scope, today),
                   academies_held(scope, today), pass_rates(scope, today))
