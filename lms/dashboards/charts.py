"""Bar charts as pure geometry for server-drawn, accessible SVG: one or more series over the same labels,
a rounded scale, and a plain-language summary for the chart's description. The template draws it and
always shows the same numbers as a table."""
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 44
SERIES_COLOURS = 3  # site.css: blue, orange, green, each 3:1 or more on white; the legend and table tell them apart


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: nothing to measure in that period (no bar, a dash in the table)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str
    series: str
    index: int  # the series' place: its colour (site.css .site-chart__fill--N) and legend key


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # shown after numbers: "" or "%"
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, float], ...]  # (value, y)
    label_positions: tuple[tuple[str, float], ...]  # (label, x centre)
    width: int = WIDTH
    height: int = HEIGHT
    note: str = ""  # a further fact the table and description carry

    @property
    def baseline(self) -> float:
        return HEIGHT - BOTTOM

    @property
    def summary(self) -> str:
        """What a sighted reader takes from the chart, in words."""
        parts = []
        for series in self.series:
            measured = [(value, label) for value, label in zip(series.values, self.labels) if value is not None]
            if not measured:
                parts.append(f"{series.name}: nothing to show yet.")
                continue
            top = max(range(len(measured)), key=lambda i: (measured[i][0], i))
            parts.append(f"{series.name}: from {number(measured[0][0], self.unit)} in {measured[0][1]} to "
                         f"{number(measured[-1][0], self.unit)} in {measured[-1][1]}, highest "
                         f"{number(measured[top][0], self.unit)} in {measured[top][1]}.")
        return " ".join(parts) or "No data yet."


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


def scale(largest: float) -> tuple[float, float]:
    """(top, step) of the value axis: whole steps of 1, 2 or 5 times a power of ten, at most six of them."""
    step = 1
    while math.ceil(largest / step) > 6:
        power = 10 ** math.floor(math.log10(step))
        step = next(s * power for s in (1, 2, 5, 10) if s * power > step)
    return step * max(1, math.ceil(largest / step)), step


def bar_chart(title: str, labels: list[str], series: list[Series], unit: str = "", maximum: float | None = None,
              step: float | None = None) -> Chart:
    largest = max((v for s in series for v in s.values if v is not None), default=0)
    top, step = (maximum, step or maximum / 4) if maximum else scale(largest)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(labels), 1)
    bar_width = slot * 0.7 / max(len(series), 1)
    bars = []
    for index, label in enumerate(labels):
        for number_in_group, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            height = plot_height * value / top
            x = LEFT + index * slot + slot * 0.15 + number_in_group * bar_width
            bars.append(Bar(round(x, 1), round(TOP + plot_height - height, 1), round(bar_width, 1), round(height, 1),
                            value, label, one.name, number_in_group % SERIES_COLOURS))
    ticks = tuple((step * n, round(TOP + plot_height * (1 - step * n / top), 1)) for n in range(round(top / step) + 1))
    positions = tuple((label, round(LEFT + index * slot + slot / 2, 1)) for index, label in enumerate(labels))
    return Chart(title, tuple(labels), tuple(series), unit, tuple(bars), ticks, positions)
