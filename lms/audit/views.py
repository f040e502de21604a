"""The administrator's audit trail: filters and CSV export. Read only: no route changes a row."""
from flask import Blueprint, render_template, request

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.audit import queries, services as audit
from lms.audit.forms import AuditFilterForm
from lms.database import utcnow
from lms.extensions import db
from lms.web import csv_export

bp = Blueprint("audit", __name__, url_prefix="/audit")
PER_PAGE = 50
HEADER = ("Sequence", "Time (UTC)", "Actor", "Action", "Object type", "Object ID", "Outcome",
          "Client address", "Endpoint", "Details")


def _filter_form() -> AuditFilterForm:
    form = AuditFilterForm(formdata=request.args)
    form.set_choices(queries.distinct_values("action"), queries.distinct_values("object_type"))
    return form


def _invalid(form: AuditFilterForm):
    return render_template("audit/index.html", form=form, page=None, filters={}), 400


@bp.route("/")
@roles(Role.ADMIN)
def index():
    form = _filter_form()
    if not form.validate():
        return _invalid(form)
    filters = form.filters()
    # Reading the trail is itself recorded, before the read, so the page shows it too.
    audit.record("audit.viewed", object_type="audit_trail", object_id="page", details=filters.as_args())
    db.session.commit()
    page = db.paginate(queries.events(filters), per_page=PER_PAGE, max_per_page=PER_PAGE)
    return render_template("audit/index.html", form=form, page=page, filters=filters.as_args(),
                           iso_time=csv_export.iso_timestamp)


@bp.route("/export.csv")
@roles(Role.ADMIN)
def export():
    form = _filter_form()
    if not form.validate():
        return _invalid(form)
    filters = form.filters()
    audit.record("audit.exported", object_type="audit_trail", object_id="csv", details=filters.as_args())
    db.session.commit()
    return csv_export.csv_download(f"audit-trail-{utcnow():%Y%m%dT%H%M%SZ}.csv", HEADER, queries.export_rows(filters))
