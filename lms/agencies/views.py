"""Regions and agencies: lists and administration."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.agencies import services
from lms.agencies.forms import AgencyForm, DistrictForm, RegionContactForm, RegionForm, ShiftForm
from lms.agencies.models import Agency, Region
from lms.extensions import db
from lms.web.refusals import attempt

bp = Blueprint("agencies", __name__, url_prefix="/agencies")


def _district_form(**kwargs) -> DistrictForm:
    return DistrictForm(prefix="district", **kwargs)


def _shift_form(**kwargs) -> ShiftForm:
    return ShiftForm(prefix="shift", **kwargs)


@bp.route("/")
@roles(Role.ADMIN, Role.COORDINATOR)
def index():
    rows = services.agencies_with_counts(current_user)
    return render_template("agencies/index.html", rows=rows)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def create():
    form = AgencyForm(services.all_regions())
    if form.validate_on_submit() and (done := attempt(form, lambda: services.save_agency(
            None, name=form.name.data, kind=form.kind.data, region=form.region))):
        agency = done.value
        flash(f"{agency.name} is added.", "success")
        return redirect(url_for("agencies.detail", agency_id=agency.id))
    status = 400 if form.is_submitted() else 200
    return render_template("agencies/agency_form.html", form=form, agency=None), status


@bp.route("/<int:agency_id>")
@roles(Role.ADMIN, Role.COORDINATOR)
def detail(agency_id: int):
    agency = _visible_agency(agency_id)
    return _render_detail(agency, _district_form(formdata=None), _shift_form(formdata=None))


@bp.route("/<int:agency_id>/edit", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    form = AgencyForm(services.all_regions(), obj=agency)
    if form.validate_on_submit() and attempt(form, lambda: services.save_agency(
            agency, name=form.name.data, kind=form.kind.data, region=form.region)):
        flash("Your changes are saved.", "success")
        return redirect(url_for("agencies.detail", agency_id=agency_id))
    status = 400 if form.is_submitted() else 200
    return render_template("agencies/agency_form.html", form=form, agency=agency), status


@bp.route("/<int:agency_id>/districts", methods=["POST"])
@roles(Role.ADMIN)
def add_district(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    form = _district_form()
    if form.validate_on_submit() and (done := attempt(form, lambda: services.add_district(agency, form.name.data))):
        district = done.value
        flash(f"District {district.name} is added.", "success")
        return redirect(url_for("agencies.detail", agency_id=agency_id, _anchor="districts"))
    return _render_detail(agency, form, _shift_form(formdata=None), status=400)


@bp.route("/<int:agency_id>/shifts", methods=["POST"])
@roles(Role.ADMIN)
def add_shift(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    form = _shift_form()
    if form.validate_on_submit() and (done := attempt(form, lambda: services.add_shift(
            agency, form.name.data, form.starts_at.data, form.ends_at.data))):
        shift = done.value
        flash(f"Shift {shift.name} ({shift.hours_label}) is added.", "success")
        return redirect(url_for("agencies.detail", agency_id=agency_id, _anchor="shifts"))
    return _render_detail(agency, _district_form(formdata=None), form, status=400)


@bp.route("/regions")
@roles(Role.ADMIN)
def regions():
    return _render_regions(RegionForm(formdata=None))


@bp.route("/regions", methods=["POST"])
@roles(Role.ADMIN)
def create_region():
    form = RegionForm()
    if form.validate_on_submit() and (done := attempt(form, lambda: services.create_region(
            code=form.code.data, name=form.name.data))):
        region = done.value
        flash(f"Region {region.name} ({region.code}) is added.", "success")
        return redirect(url_for("agencies.regions"))
    return _render_regions(form, status=400)


@bp.route("/regions/<int:region_id>/contact", methods=["GET", "POST"])
@roles(Role.ADMIN, Role.COORDINATOR)
def region_contact(region_id: int):
    """The region's public contact: the administrator for any region, a coordinator for their own."""
    region = db.get_or_404(Region, region_id)
    if current_user.role_enum is Role.COORDINATOR and current_user.region_id != region.id:
        abort(404)
    form = RegionContactForm(obj=region)
    if form.validate_on_submit():
        services.set_region_contact(region, **{name: getattr(form, name).data for name in services.CONTACT_FIELDS})
        db.session.commit()
        flash(f"The public directory now shows this contact for {region.name}.", "success")
        return redirect(url_for("directory.index", _anchor=f"region-{region.id}"))
    return render_template("agencies/region_contact.html", region=region, form=form), 400 if form.errors else 200


def _visible_agency(agency_id: int) -> Agency:
    """The agency, or 404 when it does not exist or lies outside the account's scope."""
    agency = db.get_or_404(Agency, agency_id)
    if not services.can_see_agency(current_user, agency):
        abort(404)
    return agency


def _render_detail(agency: Agency, district_form: DistrictForm, shift_form: ShiftForm, status: int = 200):
    return render_template("agencies/detail.html", agency=agency, district_form=district_form,
                           shift_form=shift_form), status


def _render_regions(form: RegionForm, status: int = 200):
    return render_template("agencies/regions.html", rows=services.regions_with_counts(), form=form), status
