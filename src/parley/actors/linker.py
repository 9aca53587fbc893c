"""Link actor mentions in a spaCy ``Doc`` to one identity each (registry first, then the article).

Rule passes, in order (each writes spans with ``span._.actor_rule`` naming the rule and alias):

1. ``alias:<kind>`` registry aliases (names, short names, codes, demonyms, capitals, seat metonyms) by
   case-sensitive phrase match; a match wins over the model's NER label (``Kyiv`` is no PERSON) unless
   a longer NER PERSON/ORG contains it. Place names in locative use (``in Geneva``, ``the Geneva talks``)
   and a dateline are locations, not actors. Adjectives count only before a group noun
   (``Ukrainian officials``).
2. ``fuzzy:<alias>`` NER PERSON names matched to registry people after transliteration folding
   (rapidfuzz ratio >= ``fuzzy_threshold``; >= ``fuzzy_role_threshold`` if an appositive title fits).
3. ``surname`` a surname (with or without Mr./Ms.) after the full name occurred in the article.
4. ``ner:<LABEL>`` anything else NER finds (PERSON, ORG, NORP plural, non-locative GPE) becomes an
   actor of its own with ``wikidata`` None.
5. ``description`` a definite role description (``the High Representative``, ``the EU diplomacy chief``)
   links to the last actor introduced with that kind of title in the article, else to the registry holder
   of that post for the qualifying state/body at the article date.
6. ``counterpart`` ``her Ukrainian counterpart``: the Ukrainian holder of the post the antecedent holds.
7. ``pronoun`` he/she/him/her...: the first agreeing person in the same sentence before it, else the
   first agreeing person of the nearest earlier sentence within ``pronoun_window`` sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from parley.actors.registry import Alias, Entry, Registry, default_registry, slug
from parley.actors.rules import LinkRules, load_rules
from parley.nlp import doc_text
from parley.places import resolve as resolve_place
from parley.records import Actor

KIND_PRIORITY = ["name", "alias", "code", "short", "metonym", "capital", "demonym", "adjective"]
PLACE_KINDS = {"name", "alias", "capital", "metonym", "code"}
NER_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their"}
POSSESSIVES = {"her", "his", "their", "its"}
FUZZY_CACHE_SIZE = 20_000  # names whose closest registry name is remembered
NAME_CACHE_SIZE = 20_000  # organisation names whose words and initials are remembered


@dataclass
class Link:
    """One mention: token span, the actor it refers to, and the rule that linked it."""

    start: int
    end: int
    actor_id: str
    rule: str
    role_kind: str | None = None  # a title seen with this mention


@dataclass
class Unknown:
    name: str
    type: str
    role: str | None = None
    country: str | None = None


@dataclass
class NameCache:
    """The people's surnames and given names of :meth:`ActorLinker._person_names` and
    :meth:`ActorLinker._given_names`, extended link by link while links are only appended."""

    upto: int = 0  # links[:upto] are counted
    done: set[str] = field(default_factory=set)
    surnames: dict[str, str] = field(default_factory=dict)
    given_seen: dict[str, set[str]] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)


@dataclass
class TitleIndex:
    """The document's role titles (in token order, non-overlapping), indexed by first and end token."""

    spans: list[tuple[Span, str]]
    by_start: dict[int, int] = field(default_factory=dict)  # first token -> index in spans
    by_end: dict[int, int] = field(default_factory=dict)  # end token -> index in spans
    at: dict[int, int] = field(default_factory=dict)  # token -> index of the title containing it

    def __post_init__(self) -> None:
        for k, (span, _) in enumerate(self.spans):
            self.by_start[span.start] = k
            self.by_end[span.end] = k
            for i in range(span.start, span.end):
                self.at[i] = k

    def ending_at(self, *ends: int) -> list[int]:
        """Indexes (in order) of the titles ending at one of ``ends``."""
        return sorted(k for k in (self.by_end.get(e) for e in ends) if k is not None)

    def near(self, start: int, end: int) -> list[int]:
        """Indexes (in order) of the titles that end at most one token before ``start`` or start at most
        two tokens after ``end``: the only ones that can qualify a name at ``start``..``end``."""
        found = {self.by_end.get(start - 1), self.by_end.get(start),
                 self.by_start.get(end), self.by_start.get(end + 1), self.by_start.get(end + 2)}
        return sorted(k for k in found if k is not None)

    def contains(self, start: int, end: int) -> bool:
        """Whether one title covers tokens ``start``..``end - 1``."""
        k = self.at.get(start)
        return k is not None and self.at.get(end - 1) == k


@dataclass
class DocState:
    links: list[Link] = field(default_factory=list)
    unknown: dict[str, Unknown] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)  # registry names judged not to be actors (locative)
    titles: dict[str, str] = field(default_factory=dict)  # actor id -> role kind seen in the article
    acronyms: dict[str, set[str]] = field(default_factory=dict)  # unknown org id -> bracketed acronyms
    date: dt.date | None = None
    seen: set[str] = field(default_factory=set)  # registry ids the article names unambiguously
    text_roles: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # id -> (title, body id)
    # per-document views built once, so the per-token passes create no spaCy Token objects
    text: str = ""  # the Doc's text
    words: list[str] = field(default_factory=list)  # token texts
    lower: list[str] = field(default_factory=list)  # token texts, lower case
    ents: list[Span] = field(default_factory=list)  # doc.ents
    vocab: dict[bool, set[str]] = field(default_factory=dict)  # lower-cased? -> the distinct token texts
    trimmed: dict[int, Span | None] = field(default_factory=dict)  # entity start -> entity trimmed
    title_index: TitleIndex = field(default_factory=lambda: TitleIndex([]))
    sents: list[Span] | None = None  # listed on first use
    sent_starts: list[int] = field(default_factory=list)  # first token of each sentence
    names: NameCache = field(default_factory=NameCache)

    def add(self, link: Link) -> None:
        self.links.append(link)
        self.covered.update(range(link.start, link.end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.covered for i in range(start, end))

    def sort_links(self) -> None:
        """Order the links by start; the name cache, built over the links in list order, starts over."""
        self.links.sort(key=lambda lk: lk.start)
        self.names = NameCache()

    def insert(self, link: Link) -> None:
        """Add a link to links ordered by start, after those with the same start (as ``add`` + ``sort_links``)."""
        insort(self.links, link, key=lambda lk: lk.start)
        self.covered.update(range(link.start, link.end))
        self.names = NameCache()

    def where(self, vocabulary: Iterable[str], lower: bool = True) -> list[int]:
        """Positions, in order, of the tokens whose text (lower-cased by default) is in ``vocabulary``."""
        tokens = self.lower if lower else self.words
        if lower not in self.vocab:
            self.vocab[lower] = set(tokens)
        found: list[int] = []
        for word in self.vocab[lower].intersection(vocabulary):
            i = tokens.index(word)
            while True:
                found.append(i)
                try:
                    i = tokens.index(word, i + 1)
                except ValueError:
                    break
        return sorted(found)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of an organisation's name, dots dropped ("U.S. Air Force" -> U.S, Air, Force)."""
    return tuple(name.replace(".", "").split())


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _initials(name: str) -> str:
    return "".join(w[0] for w in _name_words(name) if w[:1].isupper())


class ActorLinker:
    """The ``parley_actors`` component: registry, rules and matchers built once per pipeline."""

    def __init__(self, nlp: Language, registry: Registry | None = None, rules: LinkRules | None = None):
        self.registry = registry or default_registry()
        self.rules = rules or load_rules()
        self.alias_index = self.registry.alias_index
        self.alias_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        texts = list(self.alias_index)
        self.alias_matcher.add("ALIAS", [nlp.make_doc(t) for t in texts])
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        titles = sorted({t for ts in self.rules.role_titles.values() for t in ts})
        self.title_matcher.add("TITLE", [nlp.make_doc(t) for t in titles])
        self._fuzzy_names = self._fuzzy_table()
        self._fuzzy_keys = list(self._fuzzy_names)
        self._fuzzy_hits: dict[str, tuple[str, float] | None] = {}  # name -> closest folded name, score
        self._pronoun_words = {w for ws in self.rules.pronouns.values() for w in ws}
        # every beginning of a group description: a cheap test on the word after "the"
        self._description_prefixes = {d[:k] for d in self.rules.group_descriptions | self.rules.body_descriptions
                                      for k in range(1, len(d) + 1)}

    def _fuzzy_table(self) -> dict[str, list[tuple[str, str]]]:
        table: dict[str, list[tuple[str, str]]] = {}
        for e in self.registry.people():
            for text in [e.name] + [a.text for a in e.aliases if a.kind == "alias"]:
                table.setdefault(self.rules.fold(text), []).append((e.id, text))
        return table

    # ------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        words = [strings[orth] for orth in doc.to_array(ORTH).tolist()]  # no Token objects
        st = DocState(date=doc._.published, text=doc_text(doc), words=words, lower=[w.lower() for w in words],
                      ents=list(doc.ents))
        lowered = st.text.lower()
        title_spans = self._titles(doc)
        st.title_index = TitleIndex(title_spans)
        aliases = filter_spans([doc[s:e] for _, s, e in self.alias_matcher(doc)])
        st.seen = self._established(aliases, lowered)
        self._alias_pass(doc, st, aliases, lowered, {span.start for span, _ in title_spans})
        self._ner_pass(doc, st, title_spans)
        self._surname_pass(doc, st)
        self._acronym_pass(doc, st)
        self._merge_short_forms(st)
        self._title_pass(doc, st, title_spans)
        self._text_roles(doc, st, title_spans)
        self._group_pass(doc, st)
        self._pronoun_pass(doc, st)
        self._write(doc, st)
        return doc

    # ------------------------------------------------------------ 1. registry aliases
    def _established(self, aliases: list[Span], lowered: str) -> set[str]:
        """Registry ids the article names by an alias only they have, and the bodies of the people it
        names: they settle an ambiguous short name ("Congo" after "Democratic Republic of Congo")."""
        out: set[str] = set()
        for span in aliases:
            ids = {i for i, a in self.alias_index.get(span.text, [])
                   if not a.when or any(w.lower() in lowered for w in a.when)}
            if len(ids) == 1:
                entry = self.registry.entries[next(iter(ids))]
                out.add(entry.id)
                if entry.type == "person" and entry.country:
                    out.add(entry.country)
        return out

    def _alias_pass(self, doc: Doc, st: DocState, aliases: list[Span], lowered: str, title_starts: set[int]) -> None:
        ents = [e for e in st.ents if e.label_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW")]
        trimmed = [t for t in (self._trim(e, st) for e in ents) if t is not None]
        # entities do not overlap: token -> (start, end) of the one (trimmed) entity covering it
        entity_at = {i: (t.start, t.end) for t in trimmed for i in range(t.start, t.end)}
        spans = [self._whole_word(span) for span in aliases]
        shortened = [self._before_title(span, title_starts) for span in spans]
        for span, orig in zip(shortened, spans, strict=True):
            pick = self._choose(span, lowered, st.seen)
            if pick is None or (span == orig and self._inside_longer_entity(span, entity_at)):
                continue
            entry, alias = pick
            if span.end in title_starts and alias.kind != "short":
                st.add(Link(span.start, span.end, entry.id, f"alias:{alias.kind}+title:{alias.text}"))
                continue
            if not self._actor_use(doc, span, entry, alias):
                st.blocked.update(range(span.start, span.end))
                continue
            start, end = span.start, span.end
            if alias.kind in ("adjective", "demonym"):
                end += self._group_noun_len(doc, end)
            st.add(Link(start, end, entry.id, f"alias:{alias.kind}:{alias.text}"))

    def _whole_word(self, span: Span) -> Span:
        """An alias whose last word continues into a hyphenated word ("Sudan's army" in "Sudan's
        army-aligned") gives way to its longest shorter alias ("Sudan"), if any."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].text != "-" or doc[span.end - 1].whitespace_:
            return span
        for end in range(span.end - 1, span.start, -1):
            cut = end - 1 if doc[end - 1].text in ("'s", "’s") else end
            if cut > span.start and doc[span.start:cut].text in self.alias_index:
                return doc[span.start:cut]
        return span  # "US-led": the name itself

    def _before_title(self, span: Span, title_starts: set[int]) -> Span:
        """An alias a title starts inside ("US Treasury" in "US Treasury Secretary", "Sudan's army" in
        "Sudan's army chief") gives way to its shorter alias before the title ("US", "Sudan")."""
        for i in range(span.end - 1, span.start, -1):
            if i in title_starts:
                end = i - 1 if span.doc[i - 1].text in ("'s", "’s") else i
                short = span.doc[span.start:end]
                if end > span.start and short.text in self.alias_index:
                    return short
        return span

    def _choose(self, span: Span, lowered: str, seen: set[str] | None = None) -> tuple[Entry, Alias] | None:
        cands = []
        for actor_id, alias in self.alias_index.get(span.text, []):
            if alias.when and not any(w.lower() in lowered for w in alias.when):
                continue
            entry = self.registry.entries[actor_id]
            rank = (KIND_PRIORITY.index(alias.kind) if alias.kind in KIND_PRIORITY else 9,
                    0 if entry.type in ("state", "person", "organization", "group") else 1,
                    0 if not alias.when else -1)
            cands.append((rank, entry, alias))
        if not cands:
            return None
        if seen and len({c[1].id for c in cands}) > 1 and any(c[1].id in seen for c in cands):
            cands = [c for c in cands if c[1].id in seen]  # the sense the article has established
        # a conditional alias whose condition holds beats the unconditional reading (Brussels -> EU)
        cands.sort(key=lambda c: (c[0][2], c[0][0], c[0][1]))
        return cands[0][1], cands[0][2]

    @staticmethod
    def _inside_longer_entity(span: Span, entity_at: dict[int, tuple[int, int]]) -> bool:
        """Whether ``span`` lies inside a longer (already trimmed) entity."""
        start, end = entity_at.get(span.start, (span.start, span.start))
        return span.end <= end and end - start > span.end - span.start

    def _group_noun_len(self, doc: Doc, i: int) -> int:
        """How many words from ``i`` make a group noun ("officials", "coast guard ship"), 0 if none."""
        for n in (3, 2, 1):
            if i + n <= len(doc) and (doc[i].lower_ if n == 1 else doc[i:i + n].text.lower()) in self.rules.group_nouns:
                return n
        return 0

    def _actor_use(self, doc: Doc, span: Span, entry: Entry, alias: Alias) -> bool:
        nxt = doc[self._skip_conjoined_adjectives(doc, span.end)] if span.end < len(doc) else None
        if alias.kind == "adjective" or (alias.kind == "demonym" and nxt is not None
                                         and nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha):
            return nxt is not None and self._group_noun_len(doc, nxt.i) > 0
        if entry.type in ("state", "place") or alias.kind in ("capital", "metonym"):
            if self._is_dateline(doc, span) or self._is_locative(span):
                return False
        if alias.kind in ("capital", "metonym") and self._modifies_other_noun(span):
            return False  # "a Washington senator", "a Kyiv court"
        if alias.kind in ("short", "code") and span.start > 0 and doc[span.start - 1].is_title \
                and doc[span.start - 1].pos_ == "PROPN" and doc[span.start - 1].text not in self.rules.honorifics:
            return False  # "Mark Abbas": a surname of someone else
        return True

    @staticmethod
    def _skip_conjoined_adjectives(doc: Doc, i: int) -> int:
        """"Egyptian and Qatari mediators": from after "Egyptian" to the shared noun."""
        while i + 1 < len(doc) and doc[i].lower_ in ("and", ",", "or") and doc[i + 1].pos_ in ("ADJ", "PROPN") \
                and i + 2 < len(doc) and doc[i + 2].pos_ in ("NOUN", "ADJ", "PROPN", "CCONJ", "PUNCT"):
            i += 2
        return min(i, len(doc) - 1)

    def _modifies_other_noun(self, span: Span) -> bool:
        """A name used as a modifier of a noun that is not a group noun ("Kansas senator")."""
        root = span.root
        return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end \
            and root.head.lower_ not in self.rules.group_nouns and root.head.pos_ in ("NOUN", "PROPN")

    @staticmethod
    def _is_dateline(doc: Doc, span: Span) -> bool:
        return span.start <= 2 and span.end < len(doc) and doc[span.end].text in ("–", "-", "—", ":")

    def _is_locative(self, span: Span) -> bool:
        tok = span.root
        while tok.dep_ in ("conj", "appos") and tok.head != tok:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in self.rules.locative_preps:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in self.rules.locative_heads:
            return True  # "the Red Sea resort of Sharm el-Sheikh"
        if tok.dep_ == "compound" and tok.head.lower_ in self.rules.locative_heads:
            return True
        if span.end < len(span.doc) and span.doc[span.end].text in ("'s", "’s", "'", "’"):
            return False
        i = span.start - 1
        while i >= 0 and span.doc[i].lower_ in ("the",):
            i -= 1
        return i >= 0 and span.doc[i].lower_ in self.rules.locative_preps and span.doc[i].pos_ == "ADP"

    # ------------------------------------------------------------ 2-4. NER names
    def _ner_pass(self, doc: Doc, st: DocState, titles: list[tuple[Span, str]]) -> None:
        for ent in st.ents:
            span = self._trim(ent, st) if ent.label_ in NER_ACTOR_LABELS else None
            if span is None or not st.free(span.start, span.end) or self._text(span, st) in self.alias_index:
                continue
            if st.title_index.contains(span.start, span.end):
                continue
            self._link_name(doc, st, span, ent.label_, titles)

    @staticmethod
    def _text(span: Span, st: DocState) -> str:
        """``span.text``, cut from the document's text (spaCy joins the tokens on each access)."""
        return st.text[span.start_char:span.end_char]

    def _trim(self, span: Span, st: DocState) -> Span | None:
        """The entity without leading determiners/honorifics and trailing possessives/punctuation (one
        span per entity and document: the alias and NER passes both ask)."""
        if span.start in st.trimmed:
            return st.trimmed[span.start]
        st.trimmed[span.start] = self._trim_tokens(span, st)
        return st.trimmed[span.start]

    def _trim_tokens(self, span: Span, st: DocState) -> Span | None:
        s, e = span.start, span.end
        while s < e and (st.lower[s] in DETERMINERS or st.words[s] in self.rules.honorifics):
            s += 1
        while e > s and st.words[e - 1] in ("'s", "’s", "'", "’", ",", "."):
            e -= 1
        return span.doc[s:e] if e > s else None

    def _link_name(self, doc: Doc, st: DocState, span: Span, label: str,
                   titles: list[tuple[Span, str]]) -> None:
        text = self._text(span, st)
        if text in self.rules.not_actors or self._is_channel(st, span):
            return  # a platform or medium ("in a post on X"), not an actor
        kind = self._title_for(span.start, span.end, st)
        known = self._surname_of(text, st) or (self._given_name_of(text, st) if len(span) == 1 else None)
        if known:
            st.add(Link(span.start, span.end, known, "surname" if self._surname_of(text, st) else "given-name",
                        kind))
            return
        if kind is None and label in ("PERSON", "ORG", "GPE") and not text.isupper() \
                and not (label == "ORG" and self._same_org(text, st)) and self._as_place(doc, st, span):
            return
        if label == "ORG" and st.lower[span.end - 1] in self.rules.place_heads and self._is_locative(span):
            return  # "in the Oval Office": a building
        if label == "PERSON" and self._has_place_word(span, st):
            label = "ORG"  # "Garuda Indonesia": people are not named after states
        if label == "PERSON" or (label in ("ORG", "GPE") and len(span) >= 2
                                 and all(w.istitle() for w in st.words[span.start:span.end]) and kind is not None):
            actor_id, rule = self._person(span, st, kind)
            if actor_id:
                st.add(Link(span.start, span.end, actor_id, rule, kind))
                return
        if label == "PERSON":
            self._new_actor(st, span, "person", kind, doc)
        elif label == "ORG":
            self._new_actor(st, span, "organization", None, doc)
        elif label == "NORP" and span.root.tag_ in ("NNPS", "NNS"):
            self._new_actor(st, span, "group", None, doc)
        elif label == "GPE" and not self._is_locative(span) and not self._is_dateline(doc, span) \
                and not self._modifies_other_noun(span) and span.root.dep_ not in ("appos",):
            self._new_actor(st, span, "place", None, doc)

    def _is_channel(self, st: DocState, span: Span) -> bool:
        """A name right after "on" following a posting word ("a post on Threads", "a video on Telegram")."""
        i = span.start - 1
        if i < 1 or st.lower[i] != "on":
            return False
        return any(w in self.rules.channel_cues for w in st.lower[max(0, i - 3):i])

    def _as_place(self, doc: Doc, st: DocState, span: Span) -> bool:
        """A name the gazetteer knows as a city or region (the model may tag "Goma" PERSON, "El Fasher"
        ORG) is a place actor with the gazetteer's country, unless used as a location; a venue is never an
        actor. True when the span was handled here."""
        text = self._text(span, st)
        place = resolve_place(text)
        if place is None and ("," in text or " and " in text):  # "Fordow, Natanz": a list of places
            parts = [p.strip() for p in re.split(r",|\band\b", text) if p.strip()]
            if len(parts) > 1 and all(resolve_place(p) for p in parts):
                st.blocked.update(range(span.start, span.end))
                return True
        if place is None or place.kind == "country":
            return False
        if place.kind == "venue" or self._is_locative(span) or self._is_dateline(doc, span) \
                or self._modifies_other_noun(span):
            st.blocked.update(range(span.start, span.end))
            return True
        actor_id = slug(text)
        if actor_id in self.registry.entries:
            actor_id = f"{actor_id}-place"
        st.unknown.setdefault(actor_id, Unknown(text, "place", country=place.country))
        st.add(Link(span.start, span.end, actor_id, f"place:{place.kind}"))
        return True

    def _has_place_word(self, span: Span, st: DocState) -> bool:
        return len(span) > 1 and any(
            self.registry.entries[i].type in ("state", "place") and a.kind in ("name", "alias")
            for w in st.words[span.start:span.end] for i, a in self.alias_index.get(w, []))

    def _person(self, span: Span, st: DocState, kind: str | None) -> tuple[str | None, str]:
        text = self._text(span, st)
        known = self._surname_of(text, st)
        if known:
            return known, "surname"
        hit = self._closest_name(text)
        if hit is None:
            return None, ""
        key, score = hit
        for actor_id, alias in self._fuzzy_names[key]:
            entry = self.registry.entries[actor_id]
            fits_role = kind is not None and any(r.kind == kind for r in entry.roles)
            if score >= self.rules.fuzzy_threshold or (fits_role and score >= self.rules.fuzzy_role_threshold):
                return actor_id, f"fuzzy:{alias}:{score:.0f}"
        return None, ""

    def _closest_name(self, name: str) -> tuple[str, float] | None:
        """The registry name (folded) closest to ``name`` folded and its score, None if the name folds to
        nothing; remembered for the next articles (a bounded table: names recur across a stream of news)."""
        if name not in self._fuzzy_hits:
            if len(self._fuzzy_hits) >= FUZZY_CACHE_SIZE:
                self._fuzzy_hits.clear()
            folded = self.rules.fold(name)
            hit = process.extractOne(folded, self._fuzzy_keys, scorer=fuzz.ratio) if folded else None
            self._fuzzy_hits[name] = (hit[0], hit[1]) if hit is not None else None
        return self._fuzzy_hits[name]

    def _new_actor(self, st: DocState, span: Span, typ: str, kind: str | None, doc: Doc) -> None:
        name = self._text(span, st)
        actor_id = slug(name.replace(".", ""))
        if not actor_id:
            return
        known = self._surname_of(name, st) if typ == "person" else None
        if known:
            st.add(Link(span.start, span.end, known, "surname"))
            return
        if typ == "organization":
            same = self._same_org(name, st)
            if same:
                st.add(Link(span.start, span.end, same[0], same[1]))
                self._note_acronym(doc, span, same[0], st)
                return
        if actor_id in self.registry.entries:
            actor_id = f"{actor_id}-{typ}"
        st.unknown.setdefault(actor_id, Unknown(name, typ))
        if kind and st.unknown[actor_id].role is None:
            st.unknown[actor_id].role = kind
        st.add(Link(span.start, span.end, actor_id, f"ner:{span.label_ or typ}", kind))
        if typ == "organization":
            self._note_acronym(doc, span, actor_id, st)

    # ------------------------------------------------------------ unknown organisations' short forms
    def _same_org(self, name: str, st: DocState) -> tuple[str, str] | None:
        """An earlier unknown organisation this name abbreviates: acronym ("GAO"), first words
        ("Northrop" for "Northrop Grumman") or last words ("Air Force" for "U.S. Air Force")."""
        words = _name_words(name)
        for actor_id, unk in st.unknown.items():
            if unk.type != "organization":
                continue
            full = _name_words(unk.name)
            if name in st.acronyms.get(actor_id, set()) or (name.isupper() and len(name) >= 2
                                                              and _initials(unk.name) == name):
                return actor_id, f"acronym:{unk.name}"
            if len(words) < len(full) and (full[:len(words)] == words or
                                           (len(words) >= 2 and full[-len(words):] == words)):
                return actor_id, f"short-form:{unk.name}"
        return None

    def _note_acronym(self, doc: Doc, span: Span, actor_id: str, st: DocState) -> None:
        """"Government Accountability Office (GAO)": the bracketed acronym names the same actor."""
        if span.end + 1 < len(doc) and doc[span.end].text == "(" and doc[span.end + 1].is_upper:
            st.acronyms.setdefault(actor_id, set()).add(doc[span.end + 1].text)

    def _merge_short_forms(self, st: DocState) -> None:
        """An unknown organisation named first by its acronym or short form ("EADS" in a headline)
        joins the full name defined later in the article."""
        for actor_id, unk in list(st.unknown.items()):
            if unk.type != "organization":
                continue
            others = {k: v for k, v in st.unknown.items() if k != actor_id}
            same = self._same_org(unk.name, DocState(unknown=others, acronyms=st.acronyms))
            if same and same[0] in st.unknown:
                for link in st.links:
                    if link.actor_id == actor_id:
                        link.actor_id, link.rule = same[0], same[1]
                del st.unknown[actor_id]
                st.names = NameCache()  # links changed actor

    def _acronym_pass(self, doc: Doc, st: DocState) -> None:
        for i, word in enumerate(st.words):
            if i in st.covered or not word.isupper() or len(word) < 2 or not word.isalpha():
                continue  # spaCy's is_upper and is_alpha are these str tests
            same = self._same_org(word, st)
            if same and same[1].startswith("acronym"):
                st.add(Link(i, i + 1, same[0], same[1]))

    # ------------------------------------------------------------ surnames after full names
    def _person_names(self, st: DocState) -> dict[str, str]:
        """surname -> actor id for the people already named in full in the article (counted once per
        link: the cache in ``st.names`` is extended with the links added since the last call)."""
        self._count_names(st)
        return st.names.surnames

    def _count_names(self, st: DocState) -> None:
        cache = st.names
        if cache.upto == len(st.links):
            return
        for link in st.links[cache.upto:]:
            actor_id = link.actor_id
            if actor_id in cache.done:  # a repeated id adds nothing: every form is already set
                continue
            cache.done.add(actor_id)
            name = self._name_of(actor_id, st)
            if not name or self._type_of(actor_id, st) != "person":
                continue
            if " " in name:
                out = cache.surnames
                parts = name.split()
                for form in self._surname_forms(parts[-1]):
                    out.setdefault(form, actor_id)
                out.setdefault(" ".join(parts[1:]), actor_id)
                entry = self.registry.get(actor_id)
                for alias in entry.aliases if entry else []:
                    if " " in alias.text:
                        out.setdefault(alias.text.split()[-1], actor_id)
            if len(name.split()) >= 2:
                first = name.split()[0]
                if first not in self.rules.honorifics and first not in self.alias_index and first[:1].isupper():
                    ids = cache.given_seen.setdefault(first, set())
                    ids.add(actor_id)
                    if len(ids) == 1:
                        cache.given[first] = actor_id
                    else:
                        cache.given.pop(first, None)  # a given name two people share names neither
        cache.upto = len(st.links)

    def _surname_forms(self, surname: str) -> list[str]:
        """"al-Shaibani" -> al-Shaibani, Al-Shaibani, Shaibani (the particle may be dropped or capitalised)."""
        out = [surname]
        for p in self.rules.name_particles:
            if surname.startswith(p) and len(surname) > len(p) + 1:
                rest = surname[len(p):]
                out += [p[0].swapcase() + p[1:] + rest, rest[0].upper() + rest[1:]]
        return out

    def _given_names(self, st: DocState) -> dict[str, str]:
        """First name -> actor id of the people named in full in the article, when only one has it
        ("Phumtham said" after "Phumtham Wechayachai": Thai and Malay usage)."""
        self._count_names(st)
        return st.names.given

    def _given_name_of(self, text: str, st: DocState) -> str | None:
        return self._given_names(st).get(text)

    def _surname_of(self, text: str, st: DocState) -> str | None:
        words = [w for w in text.split() if w not in self.rules.honorifics]
        return self._person_names(st).get(" ".join(words)) if words else None

    def _surname_pass(self, doc: Doc, st: DocState) -> None:
        names = dict(self._person_names(st))  # as they stand before this pass adds links
        given = dict(self._given_names(st))
        for i in st.where(names.keys() | given.keys(), lower=False):
            word = st.words[i]
            if i in st.covered or i in st.blocked or not word.istitle() or word in self.alias_index:
                continue
            if word not in names and not (word in given and doc[i].pos_ == "PROPN"):
                continue
            actor_id, rule = (names[word], "surname") if word in names else (given[word], "given-name")
            start = i - 1 if i > 0 and st.words[i - 1] in self.rules.honorifics else i
            st.add(Link(start, i + 1, actor_id, rule))
        st.sort_links()

    # ------------------------------------------------------------ 5-6. titles and descriptions
    def _titles(self, doc: Doc) -> list[tuple[Span, str]]:
        spans = filter_spans([doc[s:e] for _, s, e in self.title_matcher(doc)])
        out = []
        for span in spans:
            kinds = self.rules.kinds_of_title(span.text)
            if kinds:
                out.append((span, kinds[0]))
        return out

    def _title_for(self, start: int, end: int, st: DocState) -> str | None:
        """The role kind of a title right before the name at ``start``..``end`` ("Secretary of State Marco
        Rubio", "the foreign minister, Abbas Araghchi") or right after it ("X, secretary of ...")."""
        titles = st.title_index
        for k in titles.near(start, end):
            span, kind = titles.spans[k]
            gap = st.words[span.end:start]
            if span.end <= start and len(gap) <= 1 and all(w == "," or w.istitle() for w in gap):
                return kind
            after = range(end, span.start)
            if end <= span.start and len(after) <= 2 and all(st.words[i] == "," or st.lower[i] in DETERMINERS
                                                             for i in after) and any(st.words[i] == "," for i in after):
                return kind
        return None

    def _title_pass(self, doc: Doc, st: DocState, titles: list[tuple[Span, str]]) -> None:
        for link in st.links:
            kind = link.role_kind or self._title_for(link.start, link.end, st)
            if kind:
                st.titles.setdefault(link.actor_id, kind)
        for span, kind in titles:
            if not st.free(span.start, span.end) or self._names_adjacent(doc, span, st):
                continue
            self._description(doc, st, span, kind)
        st.sort_links()

    def _names_adjacent(self, doc: Doc, span: Span, st: DocState) -> bool:
        """True when the title introduces or follows a name (apposition), so it is not a mention."""
        for link in st.links:
            if not (0 <= link.start - span.end <= 1 or 0 <= span.start - link.end <= 2):
                continue
            if self._registry_or_unknown_type(link.actor_id, st) != "person":
                continue
            between = st.words[min(span.end, link.end):max(span.start, link.start)]
            if all(w in (",", "the") or w.istitle() for w in between):
                return True
        return False

    def _description(self, doc: Doc, st: DocState, span: Span, kind: str) -> None:
        start = span.start
        qualifier = None
        counterpart = span.end < len(doc) and st.lower[span.end - 1] in self.rules.counterpart_nouns
        while start > 0 and st.lower[start - 1] not in DETERMINERS | POSSESSIVES and start - 1 in st.covered:
            start -= 1
        for link in st.links:
            if link.start >= start and link.end <= span.start:
                qualifier = self._country_id(link.actor_id)
        if start == 0 or st.lower[start - 1] not in {"the"} | POSSESSIVES:
            if not counterpart:
                return
        start -= 1
        actor_id = self._resolve_description(st, kind, qualifier, span.start, span.text.lower())
        if actor_id:
            st.add(Link(start, span.end, actor_id, f"description:{span.text.lower()}:{kind}"))

    def _resolve_description(self, st: DocState, kind: str, qualifier: str | None, before: int,
                             title: str | None = None) -> str | None:
        for link in reversed([lk for lk in st.links if lk.end <= before]):
            if self._kind_fits(self._kind_of(link.actor_id, st), kind) \
                    and qualifier in (None, self._country_id(link.actor_id)) \
                    and self._title_fits(link.actor_id, st, kind, title):
                return link.actor_id
        if qualifier is None:
            return None
        holders = self.registry.holders(kind, qualifier, st.date)
        return holders[0].id if len(holders) == 1 else None

    def _title_fits(self, actor_id: str, st: DocState, kind: str, title: str | None) -> bool:
        """A leader's description names the post's own title: "the president" is not an emir or a king."""
        if title is None or kind not in ("head_of_state", "head_of_government"):
            return True
        entry = self.registry.get(actor_id)
        role = entry.role_on(st.date) if entry else None
        return role is None or title in role.title.lower()

    @staticmethod
    def _kind_fits(actual: str | None, wanted: str) -> bool:
        """A post of kind ``actual`` answers a description of kind ``wanted`` ("the minister" fits any
        ``*_minister``)."""
        return actual == wanted or (wanted == "minister" and actual is not None and actual.endswith("minister"))

    def _counterparts(self, doc: Doc, st: DocState) -> None:
        for i in st.where(self.rules.counterpart_nouns):
            if i in st.covered:
                continue
            start = i
            qualifier = None
            while start > 0 and st.lower[start - 1] not in POSSESSIVES | {"the"} and i - start <= 3:
                start -= 1
                hits = self.alias_index.get(st.words[start], [])
                qualifier = qualifier or next((a for a, al in hits if al.kind == "adjective"), None)
            if start == 0 or qualifier is None or i - start > 3:
                continue  # wants "her"/"the" and an adjective of a state within three words before the noun
            ante = self._antecedent(doc, st, doc[start - 1])
            kind = self._kind_of(ante, st) if ante else None
            holders = self.registry.holders(kind, qualifier, st.date) if kind else []
            if len(holders) == 1:
                st.add(Link(start - 1, i + 1, holders[0].id, f"counterpart:{kind}:{qualifier}"))
                if ante and st.lower[start - 1] in POSSESSIVES:
                    st.links.append(Link(start - 1, start, ante, f"pronoun:{st.lower[start - 1]}"))

    # ------------------------------------------------------------ roles and bodies from the text
    def _text_roles(self, doc: Doc, st: DocState, titles: list[tuple[Span, str]]) -> None:
        """The title before a person's name and the state/body qualifying it ("India's Foreign Secretary
        Vikram Misri", "Thailand's acting Prime Minister X"): used when the registry lacks them."""
        for link in st.links:
            unk = st.unknown.get(link.actor_id)
            if unk is not None and unk.type == "organization" and unk.country is None:
                body = self.registry.get(self._qualifier_before(doc, st, link.start))
                unk.country = self.registry.speaks_for(body) if body else None  # "China's commerce ministry"
            if link.actor_id in st.text_roles or self._type_of(link.actor_id, st) != "person" \
                    or link.rule.startswith(("pronoun", "description", "counterpart")):
                continue
            before = (st.title_index.spans[k][0] for k in st.title_index.ending_at(link.start - 1, link.start))
            title = next((t for t in before if all(w == "," or w.istitle() for w in st.words[t.end:link.start])), None)
            if title is None:
                continue
            start = title.start
            while start > 0 and doc[start - 1].lower_ in self.rules.title_modifiers:
                start -= 1
            st.text_roles[link.actor_id] = (doc[start:title.end].text, self._qualifier_before(doc, st, start))

    def _qualifier_before(self, doc: Doc, st: DocState, i: int) -> str | None:
        """The state/body named right before token ``i`` ("US", "Cambodian", "Thailand's")."""
        end = i - 1 if i > 0 and doc[i - 1].text in ("'s", "’s") else i
        for link in st.links:
            if link.end == end and self._type_of(link.actor_id, st) in ("state", "organization", "group"):
                return self._country_id(link.actor_id)
        return None

    # ------------------------------------------------------------ groups
    def _group_pass(self, doc: Doc, st: DocState) -> None:
        self._group_descriptions(doc, st)
        self._pair_references(doc, st)
        self._generic_groups(doc, st)
        st.sort_links()

    def _group_descriptions(self, doc: Doc, st: DocState) -> None:
        """"the group", "the rebels": the last armed group (or unknown organisation) named before."""
        n = len(doc)
        for i in st.where(("the",)):
            if i + 1 >= n or st.lower[i + 1] not in self._description_prefixes:
                continue
            end = next((e for e in (i + 4, i + 3, i + 2) if e <= n and doc[i + 1:e].text.lower()
                        in self.rules.group_descriptions | self.rules.body_descriptions), None)
            if end is None or not st.free(i, end) or (end < n and doc[end].pos_ == "PROPN"):
                continue
            if i >= 2 and st.words[i - 1] == "," and any(
                    lk.end == i - 1 and self._type_of(lk.actor_id, st) in ("group", "organization")
                    for lk in st.links):
                continue  # apposition: "the Rapid Support Forces, the paramilitary group that ..."
            if doc[i + 1:end].text.lower() in self.rules.body_descriptions:
                ante = self._body_antecedent(st, i, doc[i + 1:end].text.lower())
            else:
                ante = next((lk.actor_id for lk in reversed(st.links) if lk.end <= i
                             and (self._type_of(lk.actor_id, st) == "group"
                                  or (lk.actor_id in st.unknown and st.unknown[lk.actor_id].type == "organization"))),
                            None)
            if ante:
                st.add(Link(i, end, ante, f"group-description:{doc[i + 1:end].text.lower()}"))

    def _body_antecedent(self, st: DocState, before: int, word: str) -> str | None:
        """"the alliance", "the bloc": the last organisation named before whose name has the word, else the
        last organisation."""
        orgs = [lk.actor_id for lk in reversed(st.links) if lk.end <= before
                and self._type_of(lk.actor_id, st) == "organization"]
        named = next((a for a in orgs if word in self._display_name(a, st).lower()), None)
        return named or (orgs[0] if orgs else None)

    def _display_name(self, actor_id: str, st: DocState) -> str:
        entry = self.registry.get(actor_id)
        return entry.name if entry else (st.unknown[actor_id].name if actor_id in st.unknown else actor_id)

    def _pair_references(self, doc: Doc, st: DocState) -> None:
        """"the two countries", "both sides": one mention per member of the last pair named before."""
        for i in st.where(self.rules.pair_nouns):
            word = st.lower[i]
            kind = self.rules.pair_nouns[word]
            if i in st.covered or i == 0:
                continue
            start = i - 1
            n = self.rules.counts.get(st.lower[start])
            if n is None:
                continue
            if start > 0 and st.lower[start - 1] in ("the", "these", "those"):
                start -= 1
            members = self._last_group(doc, st, i, kind, n)
            # one span per member; spans need distinct extents (spaCy keys span attributes by offsets):
            # "the two countries" -> India, "two countries" -> Pakistan
            for k, actor_id in enumerate(members[:i + 1 - start]):
                st.links.append(Link(start + k, i + 1, actor_id, f"group-of:{word}"))
            if members:
                st.covered.update(range(start, i + 1))

    def _last_group(self, doc: Doc, st: DocState, before: int, kind: str, n: int) -> list[str]:
        """The members of the pair (or n-tuple) a group noun of ``kind`` refers to: the actors named together
        in the first sentence (the story's parties), else the latest ones named together before."""
        lead_end = next(iter(doc.sents)).end
        groups = self._coordinations(doc, st, before)
        in_lead = [g for g in groups if g[0] < lead_end]
        later = [g for g in reversed(groups) if g[0] >= lead_end]
        for _, ids in in_lead + later:
            for as_bodies in (False, True):
                fit = self._members_of_kind(ids, kind, st, as_bodies)
                if len(fit) == n:
                    return fit
        if kind == "any" and n == 2:
            return self._most_named_pair(doc, st, before)
        if kind == "state" and n == 2:
            counts: dict[str, int] = {}
            for link in st.links:
                if link.end <= before and self._type_of(link.actor_id, st) == "state":
                    counts[link.actor_id] = counts.get(link.actor_id, 0) + 1
            top = sorted(counts.items(), key=lambda kv: -kv[1])
            if len(top) >= 2 and (len(top) == 2 or top[1][1] > top[2][1]):
                return [top[0][0], top[1][0]]
        return []

    def _most_named_pair(self, doc: Doc, st: DocState, before: int) -> list[str]:
        """"both sides" with no pair named together: the two bodies (people count for theirs) named most
        often before, leaving out those of its own sentence ("Washington would keep pressing both sides")."""
        self._sents(doc, st)
        sent_start = st.sent_starts[bisect_right(st.sent_starts, before) - 1]
        own = {lk.actor_id for lk in st.links if sent_start <= lk.start < before}
        counts: dict[str, int] = {}
        for link in st.links:
            if link.end > sent_start or link.rule.startswith(("pronoun", "group")):
                continue
            typ = self._type_of(link.actor_id, st)
            body = self._country_id(link.actor_id) if typ == "person" else link.actor_id
            if body and body not in own and self._type_of(body, st) in ("state", "group", "organization"):
                counts[body] = counts.get(body, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(top) >= 2 and (len(top) == 2 or top[1][1] > top[2][1]):
            return [top[0][0], top[1][0]]
        return []

    def _coordinations(self, doc: Doc, st: DocState, before: int) -> list[tuple[int, list[str]]]:
        """Actors named together before token ``before`` ("India and Pakistan", "US President X and Russian
        President Y", "Russian and Ukrainian delegations"): (first token, ids), one list per person/other
        chain. Two mentions are chained when only "and", commas, titles, possessives and other mentions stand
        between them."""
        links = sorted((lk for lk in st.links if lk.end <= before and not lk.rule.startswith(("pronoun", "group"))),
                       key=lambda lk: lk.start)
        out: list[tuple[int, list[str]]] = []
        for people in (True, False):
            chain: list[Link] = []
            for link in (lk for lk in links if (self._type_of(lk.actor_id, st) == "person") == people):
                if chain and self._coordinated(doc, st, chain[-1], link):
                    chain.append(link)
                    continue
                if len({lk.actor_id for lk in chain}) >= 2:
                    out.append((chain[0].start, list(dict.fromkeys(lk.actor_id for lk in chain))))
                chain = [link]
            if len({lk.actor_id for lk in chain}) >= 2:
                out.append((chain[0].start, list(dict.fromkeys(lk.actor_id for lk in chain))))
        return sorted(out)

    def _coordinated(self, doc: Doc, st: DocState, a: Link, b: Link) -> bool:
        between = range(a.end, b.start)
        if not 0 < len(between) <= 8 or not any(st.lower[i] in ("and", ",", "&") for i in between):
            return False
        return all(st.lower[i] in ("and", ",", "&", "the", "his", "her", "its", "their") or i in st.covered
                   or st.words[i].istitle() or st.lower[i] in self.rules.counterpart_nouns
                   or st.lower[i] in self.rules.title_modifiers or self.rules.kinds_of_title(st.words[i])
                   for i in between)

    def _members_of_kind(self, ids: list[str], kind: str, st: DocState, as_bodies: bool = False) -> list[str]:
        """The ids fitting ``kind``; with ``as_bodies`` people stand for the states/bodies they speak for
        ("Anutin and his Cambodian counterpart" -> Thailand, Cambodia for "the two neighbours")."""
        types = {i: self._type_of(i, st) for i in ids}
        if kind == "person":
            return [] if as_bodies else [i for i in ids if types[i] == "person"]
        if as_bodies:
            if not all(types[i] == "person" for i in ids):
                return []
            bodies = [self._country_id(i) for i in ids]
            return list(dict.fromkeys(b for b in bodies if b)) if all(bodies) else []
        allowed = ("state",) if kind == "state" else ("state", "group", "organization")
        return [i for i in ids if types[i] in allowed]

    def _generic_groups(self, doc: Doc, st: DocState) -> None:
        """"mediators said", "officials familiar with the matter": an unqualified collective of its own."""
        for i in st.where(self.rules.generic_groups):
            actor_id = self.rules.generic_groups[st.lower[i]]
            if i in st.covered:
                continue
            tok = doc[i]
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (prev.i in st.covered or prev.pos_ in ("ADJ", "PROPN") and prev.is_title):
                continue  # qualified: "Ukrainian officials", "Western officials"
            start = tok.i - 1 if prev is not None and prev.lower_ == "the" else tok.i
            st.unknown.setdefault(actor_id, Unknown(actor_id, "group"))
            st.add(Link(start, tok.i + 1, actor_id, f"generic-group:{tok.lower_}"))

    # ------------------------------------------------------------ 7. pronouns
    def _pronoun_pass(self, doc: Doc, st: DocState) -> None:
        self._counterparts(doc, st)
        st.sort_links()
        for i in st.where(self._pronoun_words):
            if i in st.covered:
                continue
            tok = doc[i]
            if self.rules.pronoun_gender(tok.text) is None or tok.pos_ != "PRON":
                continue
            actor_id = self._antecedent(doc, st, tok)
            if actor_id:
                st.insert(Link(i, i + 1, actor_id, f"pronoun:{st.lower[i]}"))

    def _antecedent(self, doc: Doc, st: DocState, tok: Token) -> str | None:
        gender = self.rules.pronoun_gender(tok.text)
        sents = self._sents(doc, st)
        idx = bisect_right(st.sent_starts, tok.i) - 1  # the sentences partition the document
        for back in range(0, self.rules.pronoun_window + 1):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            start, limit = sent.start, tok.i if back == 0 else sent.end
            subject = self._clause_subject(tok, st, gender) if back == 0 else None
            if subject:
                return subject
            first = next((lk for lk in st.links if start < lk.end and lk.start < limit  # may straddle a split
                          and not lk.rule.startswith(("pronoun", "group")) and self._agrees(lk.actor_id, gender, st)),
                         None)
            if first:
                return first.actor_id
        return None

    @staticmethod
    def _sents(doc: Doc, st: DocState) -> list[Span]:
        """The document's sentences, listed once per document (with their first tokens in ``st``)."""
        if st.sents is None:
            st.sents = list(doc.sents)
            st.sent_starts = [s.start for s in st.sents]
        return st.sents

    def _clause_subject(self, tok: Token, st: DocState, gender: str | None) -> str | None:
        """The person subject of a verb governing the pronoun ("Trump said he might ..." -> Trump)."""
        head = tok.head
        for _ in range(4):
            for ch in head.children:
                if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < tok.i and ch.i != tok.i:
                    # the last link (in list order) covering the subject token
                    link = next((lk for lk in reversed(st.links) if lk.start <= ch.i < lk.end
                                 and not lk.rule.startswith("group")), None)
                    if link and self._agrees(link.actor_id, gender, st):
                        return link.actor_id
            if head.head == head:
                break
            head = head.head
        return None

    def _agrees(self, actor_id: str, gender: str | None, st: DocState) -> bool:
        if self._registry_or_unknown_type(actor_id, st) != "person":
            return False
        entry = self.registry.get(actor_id)
        return entry is None or entry.gender is None or gender is None or entry.gender == gender

    # ------------------------------------------------------------ helpers
    def _registry_or_unknown_type(self, actor_id: str, st: DocState) -> str | None:
        return self._type_of(actor_id, st)

    def _type_of(self, actor_id: str, st: DocState) -> str | None:
        entry = self.registry.get(actor_id)
        if entry:
            return entry.type
        unk = st.unknown.get(actor_id)
        return unk.type if unk else None

    def _name_of(self, actor_id: str, st: DocState) -> str | None:
        entry = self.registry.get(actor_id)
        if entry:
            return entry.name
        unk = st.unknown.get(actor_id)
        return unk.name if unk else None

    def _kind_of(self, actor_id: str, st: DocState) -> str | None:
        entry = self.registry.get(actor_id)
        role = entry.role_on(st.date) if entry else None
        return st.titles.get(actor_id) or (role.kind if role else None)

    def _country_id(self, actor_id: str) -> str | None:
        entry = self.registry.get(actor_id)
        if entry is None:
            return None
        return entry.country or entry.id

    # ------------------------------------------------------------ output
    def _write(self, doc: Doc, st: DocState) -> None:
        spans = []
        for link in sorted(st.links, key=lambda lk: (lk.start, lk.end)):
            span = doc[link.start:link.end]
            ext = span._  # one extension view per span (spaCy builds a new one on each ``span._``)
            ext.actor_id = link.actor_id
            ext.actor_rule = link.rule
            spans.append(span)
        doc.spans["actors"] = spans
        doc._.actors = {aid: self.actor(aid, st) for aid in dict.fromkeys(lk.actor_id for lk in st.links)}

    def actor(self, actor_id: str, st: DocState) -> Actor:
        entry = self.registry.get(actor_id)
        text_role, text_body = st.text_roles.get(actor_id, (None, None))
        body = self.registry.get(text_body)
        body_name = self.registry.speaks_for(body) if body else None
        if entry is None:
            unk = st.unknown[actor_id]
            return Actor(id=actor_id, name=unk.name, type=unk.type, country=unk.country or body_name, role=text_role,
                         cameo=self._cameo(Entry(actor_id, unk.name, "person", country=text_body), None)
                         if body and unk.type == "person" else None, iso=body.iso if body else None)
        role = entry.role_on(st.date)
        title = entry.role_title_on(st.date)
        if text_role and (title is None or title.startswith("former ")):
            title = text_role
        return Actor(id=entry.id, name=entry.name, type=entry.type,
                     country=self.registry.speaks_for(entry) or body_name,
                     role=title, wikidata=entry.wikidata,
                     cameo=self._cameo(entry, role.kind if role else None), iso=self._iso(entry))

    def _cameo(self, entry: Entry, kind: str | None) -> str | None:
        if entry.type != "person":
            return entry.cameo
        body = self.registry.get(entry.country)
        base = body.cameo if body else None
        if base and body is not None and body.type == "state":
            return base + self.rules.role_sector.get(kind or "", "GOV")
        return base

    def _iso(self, entry: Entry) -> str | None:
        if entry.iso:
            return entry.iso
        body = self.registry.get(entry.country)
        return body.iso if body else None


@Language.factory("parley_actors", assigns=["doc.spans", "doc._.actors"])
def make_actor_linker(nlp: Language, name: str) -> ActorLinker:
    return ActorLinker(nlp)
