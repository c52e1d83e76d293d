"""The ``barometer`` command line: thin commands, each calling one library function.

Library errors are turned into one clear message at this edge (exit code 1 for invalid
input, 2 for usage errors, as click does).
"""

from __future__ import annotations

import click

from barometer import __version__
from barometer.cli import data, disclosure, fieldwork, publish, questionnaire, waves


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="barometer")
def main() -> None:
    """Run a public-sector innovation barometer: questionnaire, fieldwork, data, report."""


for module in (questionnaire, data, fieldwork, disclosure, waves, publish):
    for command in module.COMMANDS:
        main.add_command(command)
