"""Who may volunteer for the 40-hour academy: pure rules over a person's role and employment history."""
from dataclasses import dataclass
from datetime import date

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Posting:
    """The part of an employment row the rules need."""

    rank: str
    started_on: date
    ended_on: date | None
    patrol_experience_since: date | None


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reason: str = ""


def patrol_years(postings: list[Posting], today: date) -> float:
    """Years on patrol across every agency: overlapping postings are counted once."""
    spans = sorted(
        (max(p.started_on, p.patrol_experience_since), min(p.ended_on or today, today))
        for p in postings if p.patrol_experience_since is not None
    )
    total, current_start, current_end = 0, None, None
    for start, end in spans:
        if end <= start:
            continue
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).days
    return total / DAYS_PER_YEAR


def may_apply(role: str, postings: list[Posting], today: date, min_years: float) -> Verdict:
    """The volunteer-specialist model: experienced officers only, never recruits."""
    current = next((p for p in postings if p.ended_on is None), None)
    if role == "recruit" or (current is not None and current.rank == "recruit"):
        return Verdict(False, "The 40-hour CIT academy is advanced training for experienced patrol officers, "
                              "not for recruits. Take the baseline awareness course now; you can volunteer for "
                              f"the academy after {min_years:g} years on patrol.")
    if current is None:
        return Verdict(False, "You need a current posting with an agency to apply: your agency endorses volunteers.")
    years = patrol_years(postings, today)
    if years < min_years:
        return Verdict(False, f"The academy asks for at least {min_years:g} years of patrol experience; your record "
                              f"shows {years:.1f}. Take the baseline awareness course meanwhile, and apply when you "
                              "reach it. If your record is wrong, ask your agency training officer to correct it.")
    return Verdict(True)
