"""A hostile wave: the demo's responses and frame, re-classified so that every trap of
issue 10 is in it.

- sectors of 1, 2, 3 and 4 responses (Hoge Colleges van Staat, Provincies, Waterschappen,
  Rechtswezen);
- a cluster equal to a sector minus one organisation (cluster "Gemeenten en onderdelen" holds
  every responding gemeente but one, and nothing else);
- a sector of 5 responses that all innovated (Privaatrechtelijke publieke organisaties:
  100% "ja" on c1_innovated in a group of 5; five that innovated are kept, the rest moved).

Organisations moved out of a sector go to a large sector; frame rows follow the responses
(by ``org_id``), so frame and responses agree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SMALL = {"hoge_colleges": 1, "provincies": 2, "waterschappen": 3, "rechtswezen": 4}
FULL_GROUP = ("privaatrechtelijk", 5)
TWIN = ("gemeenten", "gemeenten_onderdelen", "overig_decentraal")
"""(sector, its near-twin cluster, the cluster its left-out member and outsiders go to)."""


def make_hostile(demo: Path, out: Path) -> tuple[Path, Path]:
    """Write ``out/responses.csv`` and ``out/frame.csv``; return their paths."""
    data = pd.read_csv(demo / "responses.csv", dtype=str, keep_default_na=False)
    frame = pd.read_csv(demo / "frame.csv", dtype=str, keep_default_na=False)
    sector = data["sector"].copy()
    for code, keep in SMALL.items():
        rows = sector.index[sector == code]
        sector[rows[keep:]] = "gemeenschappelijke_regelingen"
    code, keep = FULL_GROUP  # keep 5 that innovated (valid answers stay valid)
    rows = sector.index[(sector == code) & (data["c1_innovated"] == "1")][:keep]
    sector[sector.index[(sector == code) & ~sector.index.isin(rows)]] = "zbo"
    data["sector"] = sector
    twin_sector, twin_cluster, elsewhere = TWIN
    in_sector = data["sector"] == twin_sector
    data.loc[(data["cluster"] == twin_cluster) & ~in_sector, "cluster"] = elsewhere
    data.loc[in_sector, "cluster"] = twin_cluster
    data.loc[data.index[in_sector][0], "cluster"] = elsewhere
    moved = data.set_index("org_id")[["sector", "cluster"]]
    at = frame["org_id"].isin(moved.index)
    frame.loc[at, "sector"] = moved.loc[frame.loc[at, "org_id"], "sector"].to_numpy()
    frame.loc[at, "cluster"] = moved.loc[frame.loc[at, "org_id"], "cluster"].to_numpy()
    frame.loc[~at & (frame["cluster"] == twin_cluster), "cluster"] = elsewhere
    out.mkdir(parents=True, exist_ok=True)
    data.to_csv(out / "responses.csv", index=False)
    frame.to_csv(out / "frame.csv", index=False)
    return out / "responses.csv", out / "frame.csv"
