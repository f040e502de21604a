"""Administration of regions and agencies, with their districts and patrol shifts."""
import pytest
from sqlalchemy import func, select

from lms.accounts.roles import Role
from lms.agencies.models import Agency, District, Region, Shift
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.query_count import counting_queries


@pytest.fixture
def admin(make_account, sign_in):
    account = make_account(Role.ADMIN)
    sign_in(account)
    return account


def count_of(app, model) -> int:
    """How many rows of a model the database holds now."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def page_of(response) -> str:
    return response.get_data(as_text=True)


def test_an_administrator_adds_a_region_and_sees_it_listed(client, admin):
    response = client.post("/agencies/regions", data={"code": "ne", "name": "Northeast Region"})
    assert response.status_code == 302 and response.headers["Location"] == "/agencies/regions"
    page = page_of(client.get("/agencies/regions"))
    assert "Region Northeast Region (NE) is added." in page
    assert "<td data-label=\"Code\">NE</td>" in page
    assert "Northeast Region" in page


def test_a_region_code_with_spaces_or_signs_is_refused(app, client, admin):
    response = client.post("/agencies/regions", data={"code": "N E!", "name": "Northeast Region"})
    assert response.status_code == 400
    assert "Use letters and digits only" in page_of(response)
    assert count_of(app, Region) == 0


def test_a_second_region_with_the_same_code_is_refused_next_to_the_code(client, admin, make_region):
    make_region(code="NE", name="Northeast Region")
    response = client.post("/agencies/regions", data={"code": "ne", "name": "Another Region"})
    assert response.status_code == 400
    page = page_of(response)
    assert 'id="code-error"' in page and "A region with this code exists already." in page
    assert 'value="Another Region"' in page


def test_the_regions_page_counts_agencies_in_each_region(client, admin, make_region, make_agency):
    region = make_region(name="Valley Region")
    make_agency(region=region)
    make_agency(region=region)
    page = page_of(client.get("/agencies/regions"))
    assert '<td data-label="Agencies">2</td>' in page


def test_an_administrator_adds_an_agency_with_districts_and_shifts_and_sees_them(client, admin, make_region):
    region_id = make_region(name="Valley Region").id
    response = client.post("/agencies/new", data={"name": "  Riverton Police Department ", "kind": "police",
                                                  "region_id": str(region_id)})
    assert response.status_code == 302
    detail_url = response.headers["Location"]

    assert client.post(f"{detail_url}/districts", data={"district-name": "North"}).status_code == 302
    assert client.post(f"{detail_url}/districts", data={"district-name": "Downtown"}).status_code == 302
    response = client.post(f"{detail_url}/shifts", data={"shift-name": "Night", "shift-starts_at": "22:00",
                                                         "shift-ends_at": "06:00"})
    assert response.status_code == 302

    page = page_of(client.get(detail_url))
    assert "<h1>Riverton Police Department</h1>" in page
    assert "Police department" in page and "Valley Region" in page
    assert "<li>Downtown</li>" in page and "<li>North</li>" in page
    assert "22:00–06:00 (ends the next day)" in page
    assert "Shift Night (22:00–06:00) is added." in page


def test_adding_an_agency_before_any_region_exists_points_to_the_regions_page(client, admin):
    page = page_of(client.get("/agencies/new"))
    assert "there are no regions yet" in page and 'href="/agencies/regions"' in page


def test_the_agency_list_shows_kind_region_and_counts(client, admin, make_region, make_agency):
    region = make_region(name="Valley Region")
    make_agency(name="Lakeside County Sheriff's Office", kind="sheriff", region=region, districts=("East",))
    page = page_of(client.get("/agencies/"))
    assert "Lakeside County Sheriff&#39;s Office" in page
    assert "Sheriff&#39;s office" in page and "Valley Region" in page
    assert '<td data-label="Districts">1</td>' in page and '<td data-label="Shifts">2</td>' in page
    assert "Add an agency" in page


def test_the_agency_list_says_so_when_there_are_none(client, admin):
    page = page_of(client.get("/agencies/"))
    assert "No agencies yet" in page and "<table" not in page


def test_an_administrator_changes_an_agency(client, admin, make_region, make_agency):
    new_region_id = make_region(name="Mountain Region").id
    agency_id = make_agency(name="Old Name Police Department").id
    form = page_of(client.get(f"/agencies/{agency_id}/edit"))
    assert 'value="Old Name Police Department"' in form
    response = client.post(f"/agencies/{agency_id}/edit", data={"name": "Campus Safety", "kind": "campus",
                                                                 "region_id": str(new_region_id)})
    assert response.status_code == 302
    page = page_of(client.get(f"/agencies/{agency_id}"))
    assert "<h1>Campus Safety</h1>" in page and "Campus police" in page and "Mountain Region" in page


def test_a_duplicate_agency_name_is_refused_and_nothing_changes(app, client, admin, make_region, make_agency):
    region_id = make_region().id
    make_agency(name="Riverton Police Department")
    response = client.post("/agencies/new", data={"name": "riverton police department", "kind": "police",
                                                  "region_id": str(region_id)})
    assert response.status_code == 400
    page = page_of(response)
    assert 'id="name-error"' in page and "An agency with this name exists already." in page
    assert 'value="riverton police department"' in page
    assert count_of(app, Agency) == 1


def test_renaming_an_agency_to_another_agencys_name_is_refused(app, client, admin, make_agency):
    make_agency(name="Riverton Police Department")
    other = make_agency(name="Lakeside Police Department")
    other_id, region_id = other.id, other.region_id
    response = client.post(f"/agencies/{other_id}/edit", data={"name": "Riverton Police Department",
                                                                "kind": "police", "region_id": str(region_id)})
    assert response.status_code == 400
    assert "An agency with this name exists already." in page_of(response)
    with app.app_context():
        assert db.session.get(Agency, other_id).name == "Lakeside Police Department"


def test_a_name_with_markup_is_refused(app, client, admin, make_region):
    region_id = make_region().id
    response = client.post("/agencies/new", data={"name": "<script>alert(1)</script>", "kind": "police",
                                                  "region_id": str(region_id)})
    assert response.status_code == 400
    page = page_of(response)
    assert "Names cannot contain &lt; or &gt;." in page
    assert "<script>alert(1)</script>" not in page
    assert count_of(app, Agency) == 0


def test_an_over_long_name_is_refused(app, client, admin, make_region):
    region_id = make_region().id
    response = client.post("/agencies/new", data={"name": "A" * 161, "kind": "police", "region_id": str(region_id)})
    assert response.status_code == 400
    assert "Use at most 160 characters." in page_of(response)
    assert count_of(app, Agency) == 0


def test_an_agency_needs_a_kind_and_a_region_from_the_lists(app, client, admin, make_region):
    make_region()
    response = client.post("/agencies/new", data={"name": "Riverton Police Department", "kind": "navy",
                                                  "region_id": "99999"})
    assert response.status_code == 400
    page = page_of(response)
    assert "Choose a kind of agency from the list." in page and "Choose a region from the list." in page
    response = client.post("/agencies/new", data={"name": "Riverton Police Department", "kind": "", "region_id": ""})
    page = page_of(response)
    assert "Choose the kind of agency." in page and "Choose the agency&#39;s region." in page
    assert count_of(app, Agency) == 0


def test_a_duplicate_district_is_refused_next_to_the_field(app, client, admin, make_agency):
    agency_id = make_agency(districts=("North",)).id
    response = client.post(f"/agencies/{agency_id}/districts", data={"district-name": "north"})
    assert response.status_code == 400
    page = page_of(response)
    assert 'id="district-name-error"' in page and "This agency already has a district with that name." in page
    assert 'value="north"' in page
    assert count_of(app, District) == 1


def test_a_shift_that_starts_and_ends_at_the_same_time_is_refused(app, client, admin, make_agency):
    agency_id = make_agency(shifts=()).id
    response = client.post(f"/agencies/{agency_id}/shifts", data={"shift-name": "Day", "shift-starts_at": "07:00",
                                                                   "shift-ends_at": "07:00"})
    assert response.status_code == 400
    page = page_of(response)
    assert 'id="shift-ends_at-error"' in page and "A shift must start and end at different times." in page
    assert 'value="Day"' in page and 'value="07:00"' in page
    assert page.count('type="time"') == 2
    assert count_of(app, Shift) == 0


def test_a_shift_time_that_is_not_a_time_is_refused(client, admin, make_agency):
    agency_id = make_agency(shifts=()).id
    response = client.post(f"/agencies/{agency_id}/shifts", data={"shift-name": "Day", "shift-starts_at": "noon",
                                                                   "shift-ends_at": ""})
    assert response.status_code == 400
    page = page_of(response)
    assert "Enter a time in hours and minutes" in page and "Enter the time the shift ends." in page


def test_creating_an_agency_is_recorded_in_the_audit_trail(app, client, admin, make_region):
    region_id = make_region().id
    admin_id = admin.id
    client.post("/agencies/new", data={"name": "Riverton Police Department", "kind": "police",
                                       "region_id": str(region_id)})
    with app.app_context():
        agency = db.session.scalars(select(Agency)).one()
        record = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "agency.created")).one()
        assert record.object_id == str(agency.id) and record.actor_id == admin_id
        assert "Riverton Police Department" in record.details


def test_a_coordinator_sees_only_the_agencies_of_their_region(client, make_account, sign_in, make_region,
                                                              make_agency):
    home = make_region(name="Valley Region")
    make_agency(name="Valley Police Department", region=home)
    other_id = make_agency(name="Mountain Police Department").id
    sign_in(make_account(Role.COORDINATOR, region=home))

    page = page_of(client.get("/agencies/"))
    assert "Valley Police Department" in page
    assert "Mountain Police Department" not in page
    assert "Add an agency" not in page
    assert client.get(f"/agencies/{other_id}").status_code == 404


def test_a_coordinator_reads_an_agency_of_their_region_without_the_admin_forms(client, make_account, sign_in,
                                                                               make_region, make_agency):
    home = make_region()
    agency_id = make_agency(name="Valley Police Department", region=home).id
    sign_in(make_account(Role.COORDINATOR, region=home))
    page = page_of(client.get(f"/agencies/{agency_id}"))
    assert "<h1>Valley Police Department</h1>" in page and "06:00–14:00" in page
    assert "Add a district" not in page and "Add a shift" not in page and "Change name" not in page


def test_a_coordinator_cannot_add_or_change_agencies_or_regions(client, make_account, sign_in, make_region,
                                                                make_agency):
    home = make_region()
    agency_id = make_agency(region=home).id
    sign_in(make_account(Role.COORDINATOR, region=home))
    assert client.get("/agencies/new").status_code == 403
    assert client.get(f"/agencies/{agency_id}/edit").status_code == 403
    assert client.post(f"/agencies/{agency_id}/districts", data={"district-name": "West"}).status_code == 403
    assert client.get("/agencies/regions").status_code == 403
    assert client.post("/agencies/regions", data={"code": "X", "name": "X"}).status_code == 403


def test_an_officer_gets_no_page_here(client, make_account, sign_in, make_agency):
    agency_id = make_agency().id
    sign_in(make_account(Role.OFFICER))
    for url in ("/agencies/", "/agencies/new", f"/agencies/{agency_id}", f"/agencies/{agency_id}/edit",
                "/agencies/regions"):
        assert client.get(url).status_code == 403, url
    for url in (f"/agencies/{agency_id}/districts", f"/agencies/{agency_id}/shifts", "/agencies/regions"):
        assert client.post(url, data={}).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, make_agency):
    agency_id = make_agency().id
    for url in ("/agencies/", "/agencies/new", f"/agencies/{agency_id}", "/agencies/regions"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), url
    assert client.post(f"/agencies/{agency_id}/shifts").headers["Location"].startswith("/login")


def test_an_unknown_agency_is_not_found(client, admin):
    assert client.get("/agencies/99999").status_code == 404
    assert client.get("/agencies/99999/edit").status_code == 404
    assert client.post("/agencies/99999/districts", data={"district-name": "North"}).status_code == 404


@pytest.mark.parametrize("url", ["/agencies/", "/agencies/regions"])
def test_the_lists_take_the_same_number_of_queries_for_2_or_12_agencies(app, client, admin, make_agency, url):
    def queries_for_list() -> int:
        with counting_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200
        return len(statements)

    for _ in range(2):
        make_agency()
    with_two = queries_for_list()
    for _ in range(10):
        make_agency()
    with_twelve = queries_for_list()
    assert page_of(client.get(url)).count("<tr>") == 12 + 1  # a header row and one row per agency or region
    assert with_two == with_twelve
