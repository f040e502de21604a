"""The roles people hold in the state CIT program."""
from enum import StrEnum


class Role(StrEnum):
    """A role grants pages and actions; scope (agency or region) narrows them."""

    RECRUIT = "recruit"
    OFFICER = "officer"
    TRAINING_OFFICER = "training_officer"
    INSTRUCTOR = "instructor"
    MHP = "mhp"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_staff(self) -> bool:
        """Staff accounts see other people's records and need longer passwords."""
        return self not in (Role.RECRUIT, Role.OFFICER)


ROLE_LABELS = {
    Role.RECRUIT: "Recruit",
    Role.OFFICER: "Patrol officer",
    Role.TRAINING_OFFICER: "Agency training officer",
    Role.INSTRUCTOR: "Instructor",
    Role.MHP: "Mental health professional",
    Role.COORDINATOR: "Regional coordinator",
    Role.ADMIN: "State administrator",
}

