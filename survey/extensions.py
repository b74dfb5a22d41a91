"""Flask extensions, created unbound so that any module can import them without the app."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)  # storage: RATELIMIT_STORAGE_URI (memory:// by default)


def get_questionnaire():  # -> Questionnaire (imported lazily: no cycle)
    """The questionnaire loaded once by the app factory (see create_app)."""
    from flask import current_app

    return current_app.extensions["questionnaire"]
