"""Print the cell values of every table in a PSPP .spv file (index: value), as
tests/stats/reference/*.sps.cells.out.txt keep them (6 significant digits).

Usage: ``python tools/pspp_cells.py out.spv > file.cells.out.txt`` (needs ``pspp-output``).
"""

from __future__ import annotations

import re
import subprocess
import sys


def main(spv: str) -> None:
    names = [
        m
        for m in re.findall(
            r'table "([^"]+)"',
            subprocess.run(["pspp-output", "dir", spv], capture_output=True, text=True).stdout,
        )
    ]
    dump = subprocess.run(
        ["pspp-output", "dump-light-table", "--select=tables", spv], capture_output=True, text=True
    ).stdout
    blocks = re.split(r"^(\S+_lightTableData\.bin:)\s*$", dump, flags=re.M)[1:]
    print("# GNU PSPP 1.6.2: cell values (6 significant digits) of the tables produced by")
    print("# demo_reference.sps, from 'pspp-output dump-light-table'; index = row + rows * column.")
    for t, (head, body) in enumerate(zip(blocks[::2], blocks[1::2], strict=True)):
        print(f'\n== table {t + 1}: "{names[t]}" ({head})')
        cells = {}
        idx = None
        for line in body.splitlines():
            s = line.strip()
            if s.startswith("index:"):
                idx = int(s.split()[1])
            elif s.startswith("x:") and idx is not None:
                cells[idx] = s.split()[1]
                idx = None
        for k in sorted(cells):
            print(k, cells[k])


if __name__ == "__main__":
    main(sys.argv[1])
