"""A worker that issues an academy's certificates and stops half-way, to be killed there by the test:
python -m tests.faults.issue_slowly DATABASE_URL CLASS_ID COORDINATOR_ID MARKER

It pauses while rendering the second certificate's PDF (the first is written, not yet committed), after
writing MARKER so the test knows where it stands."""
import sys
import time
from datetime import date
from pathlib import Path

from lms import create_app
from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.certificates import pdf, services
from lms.extensions import db
from tests.conftest import settings_for


def main(url: str, class_id: int, coordinator_id: int, marker: Path) -> None:
    render, calls = pdf.render, []

    def slow_render(certificate):
        calls.append(certificate.number)
        if len(calls) == 2:
            marker.write_text(f"rendering {certificate.number}")
            time.sleep(120)  # the test kills this process here
        return render(certificate)

    pdf.render = slow_render
    app = create_app(settings_for(url), instance_path=str(marker.parent / "worker-instance"))
    with app.app_context():
        services.issue_class(db.session.get(AcademyClass, class_id), db.session.get(Account, coordinator_id),
                             date.today())
        db.session.commit()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
