"""Application settings: defaults here, secrets and deployment values from LMS_* variables."""
import os
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _env_list(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    if value is None:
        return default
    return tuple(item.strip() for item in value.split(",") if item.strip())


class Config:
    """Production defaults: the strict choice wherever the standards disagree."""

    TESTING = False
    DEBUG = False
    DEMO_MODE = False
    SECRET_KEY: str | None = os.environ.get("LMS_SECRET_KEY")
    # Key for encrypting TOTP seeds at rest; falls back to one derived from SECRET_KEY.
    TOTP_ENCRYPTION_KEY: str | None = os.environ.get("LMS_TOTP_ENCRYPTION_KEY")
    SQLALCHEMY_DATABASE_URI: str | None = os.environ.get("LMS_DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # A pooled connection idle longer than this is pinged before use and replaced if dead (lms.pool_ping);
    # None turns the check off.
    DATABASE_PING_AFTER_IDLE_SECONDS: float | None = _env_float("LMS_DATABASE_PING_AFTER_IDLE_SECONDS", 0.5)
    MAX_CONTENT_LENGTH = _env_int("LMS_MAX_CONTENT_LENGTH", 6 * 1024 * 1024)  # room for a 5 MB evidence file

    PROGRAM_NAME = os.environ.get("LMS_PROGRAM_NAME", "State CIT Program")
    STATE_CODE = os.environ.get("LMS_STATE_CODE", "UT")

    # Sessions (SECURITY.md section 2).
    SESSION_COOKIE_NAME = "__Host-session"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_IDLE_TIMEOUT = timedelta(minutes=_env_int("LMS_SESSION_IDLE_MINUTES", 30))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=_env_int("LMS_SESSION_ABSOLUTE_HOURS", 12))
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # The cookie is written again only when the session changes (sign-in, and "last seen" once a minute), not
    # re-signed on every response: the idle and absolute timeouts are checked on the server either way.
    SESSION_REFRESH_EACH_REQUEST = False
    HSTS = True

    # Passwords and lockout (SECURITY.md section 1).
    PASSWORD_MIN_LENGTH_STAFF = _env_int("LMS_PASSWORD_MIN_LENGTH_STAFF", 12)
    PASSWORD_MIN_LENGTH_LEARNER = _env_int("LMS_PASSWORD_MIN_LENGTH_LEARNER", 8)
    PASSWORD_MAX_LENGTH = 256
    TEMPORARY_PASSWORD_LIFETIME = timedelta(hours=_env_int("LMS_TEMPORARY_PASSWORD_HOURS", 72))
    LOCKOUT_THRESHOLD = _env_int("LMS_LOCKOUT_THRESHOLD", 5)
    LOCKOUT_WINDOW = timedelta(minutes=_env_int("LMS_LOCKOUT_WINDOW_MINUTES", 15))
    # "admin": locked until a coordinator or administrator unlocks (CJIS v6.0).
    # "timed": unlocks by itself after LOCKOUT_DURATION.
    LOCKOUT_MODE = os.environ.get("LMS_LOCKOUT_MODE", "admin")
    LOCKOUT_DURATION = timedelta(minutes=_env_int("LMS_LOCKOUT_DURATION_MINUTES", 30))
    CLIENT_FAILURE_LIMIT = _env_int("LMS_CLIENT_FAILURE_LIMIT", 20)
    CLIENT_FAILURE_WINDOW = timedelta(minutes=_env_int("LMS_CLIENT_FAILURE_WINDOW_MINUTES", 15))

    # MFA: required for these roles; "all" in LMS_MFA_REQUIRED_ROLES requires it everywhere.
    MFA_REQUIRED_ROLES = _env_list(
        "LMS_MFA_REQUIRED_ROLES", ("instructor", "mhp", "coordinator", "admin")
    )
    MFA_ISSUER = os.environ.get("LMS_MFA_ISSUER", "State CIT LMS")
    MFA_PENDING_LIFETIME = timedelta(minutes=5)

    # Behind a reverse proxy, how many proxies set X-Forwarded-For (0: trust none).
    TRUSTED_PROXY_COUNT = _env_int("LMS_TRUSTED_PROXY_COUNT", 0)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # The 40-hour academy: which course it teaches, and the patrol experience volunteers need.
    ACADEMY_COURSE = os.environ.get("LMS_ACADEMY_COURSE", "cit-advanced")
    ACADEMY_MIN_PATROL_YEARS = float(os.environ.get("LMS_ACADEMY_MIN_PATROL_YEARS", "2"))
    # Coverage: CIT-certified officers needed on each district and shift for it to count as covered.
    COVERAGE_MINIMUM = int(os.environ.get("LMS_COVERAGE_MINIMUM", "1"))
    # The program dashboard's figures are kept this long by each worker (0: computed on every request).
    DASHBOARD_CACHE_SECONDS = _env_int("LMS_DASHBOARD_CACHE_SECONDS", 300)
    # An agency's coverage grid is kept by each worker until the next audited change (off: computed every time).
    KEEP_UNTIL_AUDITED_CHANGE = os.environ.get("LMS_KEEP_UNTIL_AUDITED_CHANGE", "1") != "0"
    # Role plays: evaluators needed per final-assessment role play, and retests allowed after a failure.
    SCENARIO_FINAL_MIN_EVALUATORS = int(os.environ.get("LMS_SCENARIO_FINAL_MIN_EVALUATORS", "2"))
    SCENARIO_RETESTS = int(os.environ.get("LMS_SCENARIO_RETESTS", "1"))
    # Certificates: the number's state prefix, a code per course kind, years of validity per kind (none: no
    # expiry), the signatory printed on each record, and public lookups allowed per client per minute.
    CERTIFICATE_PREFIX = os.environ.get("LMS_CERTIFICATE_PREFIX", "UT")
    # The address the public uses: verification links, QR codes and the credentials' issuer id are built on it.
    PUBLIC_BASE_URL = os.environ.get("LMS_PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # Encrypts the signing keys' private halves at rest (defaults to SECRET_KEY).
    SIGNING_KEY_ENCRYPTION_KEY = os.environ.get("LMS_SIGNING_KEY_ENCRYPTION_KEY")
    CERTIFICATE_COURSE_CODES = {"advanced": "CIT", "awareness": "MHA"}
    CERTIFICATE_VALID_YEARS = {"advanced": int(os.environ.get("LMS_CERTIFICATE_VALID_YEARS", "2")), "awareness": None}
    CERTIFICATE_SIGNATORY = os.environ.get("LMS_CERTIFICATE_SIGNATORY", "Director, State CIT Program")
    # Renewal: approved continuing education hours needed in each validity period; largest evidence file.
    CE_HOURS_REQUIRED = float(os.environ.get("LMS_CE_HOURS_REQUIRED", "4"))
    CE_EVIDENCE_MAX_BYTES = int(os.environ.get("LMS_CE_EVIDENCE_MAX_BYTES", str(5_000_000)))
    # Reminders before expiry (days) and mail: without LMS_MAIL_SERVER, notices wait in the outbox page.
    REMINDER_DAYS = (90, 60, 30)
    MAIL_SERVER = os.environ.get("LMS_MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("LMS_MAIL_PORT", "25"))
    MAIL_SENDER = os.environ.get("LMS_MAIL_SENDER", "cit-program@example.gov")
    VERIFY_LOOKUPS_PER_MINUTE = int(os.environ.get("LMS_VERIFY_LOOKUPS_PER_MINUTE", "30"))
    # Where request counts live: "memory" (one server) or a Redis URL such as redis://127.0.0.1:6379/0.
    RATE_LIMIT_STORE = os.environ.get("LMS_RATE_LIMIT_STORE", "memory")
    RATE_LIMIT_PREFIX = os.environ.get("LMS_RATE_LIMIT_PREFIX", "lms")  # keys in a shared Redis
    # 0: off; otherwise an evaluator must have scored a calibration case this many days before a final assessment.
    CALIBRATION_WITHIN_DAYS = int(os.environ.get("LMS_CALIBRATION_WITHIN_DAYS", "0"))


class DevelopmentConfig(Config):
    """Local and demo serving over plain HTTP on 127.0.0.1."""

    SESSION_COOKIE_NAME = "lms-session"
    SESSION_COOKIE_SECURE = False
    HSTS = False


class TestConfig(Config):
    """Settings for the test suite: fast hashing is not used; only transport differs."""

    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SESSION_COOKIE_NAME = "lms-session"
    SESSION_COOKIE_SECURE = False
    HSTS = False
    DASHBOARD_CACHE_SECONDS = 0  # tests see their own writes at once
