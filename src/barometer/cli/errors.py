"""Turn library errors into one clear message at the command-line edge."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from barometer.errors import BarometerError, ValidationError

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """A failed command: message printed to stderr, exit code 1."""


def user_errors(func: F) -> F:
    """Decorator: report :class:`BarometerError` as a message, not a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            raise CommandError(exc.render(limit=200)) from None
        except BarometerError as exc:
            raise CommandError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


RAW_CSV = click.option(
    "--raw-csv",
    is_flag=True,
    help="CSV only: write text cells as they are, without the quote that stops a spreadsheet "
    "from running a cell starting with = + - @ as a formula (docs/data-files.md).",
)
