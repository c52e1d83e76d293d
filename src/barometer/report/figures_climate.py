"""The climate chapter (Figures 15-22, 27 and Tabel 3): kept so that existing imports
work; the code lives in the package :mod:`barometer.report.climate`."""

from barometer.report.climate import *  # noqa: F403
from barometer.report.climate import __all__ as __all__
