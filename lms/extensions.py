"""Flask extensions, created unattached and bound in the application factory."""
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from lms.database import Base, session_scope

# One database session per request (or per app context outside requests); see session_scope.
db = SQLAlchemy(model_class=Base, session_options={"scopefunc": session_scope})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
