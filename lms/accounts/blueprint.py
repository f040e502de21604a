"""The accounts blueprint (sign-in and one's own account settings)."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)
