"""Import every feature's models so that the metadata (and Alembic) sees all tables."""
from lms.accounts.models import Account, ClientThrottle, RecoveryCode  # noqa: F401
from lms.agencies.models import Agency, District, Region, Shift  # noqa: F401
from lms.audit.models import AuditChainHead, AuditEvent  # noqa: F401
from lms.people.models import Employment, Person  # noqa: F401
from lms.curriculum.models import CourseVersion  # noqa: F401
from lms.learning.models import Enrolment, LessonRead  # noqa: F401
from lms.applications.models import Application  # noqa: F401
from lms.academies.models import AcademyClass, ClassSession, ClassStaff  # noqa: F401
from lms.attendance.models import AttendanceMark, MakeUp, SheetLock  # noqa: F401
from lms.assessments.models import AttemptAnswer, ExamAttempt  # noqa: F401
from lms.scenarios.models import (  # noqa: F401
    CalibrationCase, CalibrationResponse, Evaluation, ScenarioRun, ScenarioSession, ScoreChange, SessionEvaluator,
)
from lms.certificates.models import (  # noqa: F401
    Certificate, CertificateEvent, CertificateSequence, ContinuingEducation, Notice, Renewal, SigningKey,
)
from lms.api.models import ApiToken  # noqa: F401
