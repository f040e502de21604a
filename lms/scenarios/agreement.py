"""Rater agreement as pure functions: exact agreement, agreement within one level, and Cohen's quadratic
weighted kappa, over pairs of scores two evaluators gave to the same criterion of the same role play."""
from dataclasses import dataclass

Pair = tuple[int, int]  # (this evaluator's level, the other evaluator's level)


def exact_agreement(pairs: list[Pair]) -> float | None:
    return round(100 * sum(a == b for a, b in pairs) / len(pairs), 1) if pairs else None


def within_one(pairs: list[Pair]) -> float | None:
    return round(100 * sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs), 1) if pairs else None


def weighted_kappa(pairs: list[Pair], levels: range) -> float | None:
    """Cohen's kappa with quadratic weights: 1 - sum(w * observed) / sum(w * expected by chance), where
    w = (i - j)^2 / (k - 1)^2. None when chance alone would explain everything (no spread to agree on)."""
    if not pairs:
        return None
    k, first = len(levels), levels[0]
    n = len(pairs)
    observed = [[0.0] * k for _ in range(k)]
    for a, b in pairs:
        observed[a - first][b - first] += 1 / n
    rows = [sum(observed[i]) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    disagreement = sum(weight[i][j] * observed[i][j] for i in range(k) for j in range(k))
    chance = sum(weight[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    return None if chance == 0 else round(1 - disagreement / chance, 3)


@dataclass(frozen=True)
class Agreement:
    evaluator_id: int
    pairs: int
    exact: float | None
    within_one: float | None
    kappa: float | None


def by_evaluator(scores: list[tuple[int, int, str, int]], levels: range) -> list[Agreement]:
    """scores: (run id, evaluator id, criterion id, level) of submitted evaluations. Each evaluator is compared
    with every other evaluator who scored the same criterion of the same run."""
    by_item: dict[tuple[int, str], dict[int, int]] = {}
    for run_id, evaluator_id, criterion_id, level in scores:
        by_item.setdefault((run_id, criterion_id), {})[evaluator_id] = level
    pairs: dict[int, list[Pair]] = {}
    for given in by_item.values():
        for evaluator_id, level in given.items():
            pairs.setdefault(evaluator_id, []).extend(
                (level, other_level) for other_id, other_level in given.items() if other_id != evaluator_id)
    return [Agreement(evaluator_id, len(found), exact_agreement(found), within_one(found),
                      weighted_kappa(found, levels)) for evaluator_id, found in sorted(pairs.items())]
