"""The state and regional dashboard: figures from the records, charts with text equivalents, scoped to the
coordinator's region, in a fixed number of queries."""
import re
from datetime import date, timedelta

import pytest

from lms.accounts.roles import Role
from lms.certificates.models import Certificate
from lms.certificates.services import years_later
from lms.dashboards.periods import months_ahead, months_back
from lms.extensions import db
from tests.certification import certify, post
from tests.query_count import counting_queries


def table_row(page: str, caption: str, series: str) -> list[str]:
    """The cells of one series in the table that carries a chart's numbers."""
    table = page.split(f"{caption}: the numbers</caption>")[1].split("</table>")[0]
    row = table.split(f'<th scope="row">{series}</th>')[1].split("</tr>")[0]
    return re.findall(r"<td>(.*?)</td>", row)


@pytest.fixture
def region(app, make_region, make_agency, make_person):
    """Three certified officers: one certified 600 days ago (expiring in about 130 days), one 150 days ago, one
    today whose certification was then revoked; and one in another region."""
    region = make_region(name="Wasatch Front")
    agency = make_agency(region=region)
    today = date.today()
    officers = [make_person(agency=agency) for _ in range(3)]
    certify(app, officers[0].id, today - timedelta(days=600))
    certify(app, officers[1].id, today - timedelta(days=150))
    certify(app, officers[2].id, today)
    with app.app_context():
        revoked = db.session.execute(db.select(Certificate).where(Certificate.person_id == officers[2].id)).scalar_one()
        revoked.status, revoked.status_changed_on = "revoked", today
        db.session.commit()
    elsewhere = make_person(agency=make_agency())
    post(app, elsewhere.id, "North", "Day")
    certify(app, elsewhere.id, today)
    return region


def test_the_coordinator_sees_the_regions_figures_as_charts_and_tables(client, sign_in, make_account, region):
    sign_in(make_account(Role.COORDINATOR, region=region))
    page = client.get("/program/").get_data(as_text=True)
    assert "Program dashboard: Wasatch Front" in page
    certified = table_row(page, "Officers holding an active CIT certification, at the end of each month",
                          "Certified officers")
    assert len(certified) == 12 and certified[-1] == "2"  # the revoked one and the other region's are not counted
    five_months_ago = months_back(date.today(), 12)[-6]
    assert certified[-6] == ("2" if five_months_ago.last >= date.today() - timedelta(days=150) else "1")
    assert certified[0] == "1"
    new = table_row(page, "New CIT certifications and renewals per quarter", "New certifications")
    assert sum(int(n) for n in new) >= 2
    expiring = table_row(page, "Active CIT certifications that expire, by month", "Certifications expiring")
    ends = years_later(date.today() - timedelta(days=600), 2)
    month = next(i for i, p in enumerate(months_ahead(date.today(), 6)) if p.first <= ends <= p.last)
    assert expiring[month] == "1" and sum(int(n) for n in expiring) == 1
    svg = page.split('<svg role="img"')[1].split("</svg>")[0]
    assert 'aria-labelledby="certified-title certified-desc"' in svg and "<desc" in svg and "<rect" in svg


def test_another_region_stays_out_and_the_administrator_sees_the_state(app, sign_in, make_account, region):
    admin = app.test_client()
    sign_in(make_account(Role.ADMIN), via=admin)
    page = admin.get("/program/").get_data(as_text=True)
    assert "Program dashboard: the state" in page
    assert table_row(page, "Officers holding an active CIT certification, at the end of each month",
                     "Certified officers")[-1] == "3"
    one = admin.get(f"/program/?region={region.id}").get_data(as_text=True)
    assert "Program dashboard: Wasatch Front" in one
    assert admin.get("/program/?region=999999").status_code == 404


def test_the_dashboard_takes_the_same_queries_for_few_or_many_records(app, client, sign_in, make_account,
                                                                      make_person, make_agency, region):
    sign_in(make_account(Role.COORDINATOR, region=region))
    with counting_queries(app) as few:
        assert client.get("/program/").status_code == 200
    agency = make_agency(region=region)
    for n in range(15):
        certify(app, make_person(agency=agency).id, date.today() - timedelta(days=30 * n))
    with counting_queries(app) as many:
        assert client.get("/program/").status_code == 200
    assert len(few) == len(many)


def test_each_worker_keeps_the_figures_for_a_few_minutes(app, client, sign_in, make_account, make_person,
                                                         make_agency, region):
    app.config["DASHBOARD_CACHE_SECONDS"] = 300
    sign_in(make_account(Role.COORDINATOR, region=region))
    caption = "Officers holding an active CIT certification, at the end of each month"
    before = table_row(client.get("/program/").get_data(as_text=True), caption, "Certified officers")[-1]
    certify(app, make_person(agency=make_agency(region=region)).id, date.today())
    with counting_queries(app) as cached:
        page = client.get("/program/").get_data(as_text=True)
    assert table_row(page, caption, "Certified officers")[-1] == before  # not yet: the figures are kept
    app.config["DASHBOARD_CACHE_SECONDS"] = 0
    with counting_queries(app) as fresh:
        page = client.get("/program/").get_data(as_text=True)
    assert table_row(page, caption, "Certified officers")[-1] == str(int(before) + 1)
    assert len(cached) < len(fresh)
