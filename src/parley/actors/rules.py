"""The linker's rule data (``data/actors/linking.yaml``) and name folding for fuzzy matches."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from parley.actors.registry import DATA_DIR


@dataclass
class LinkRules:
    role_titles: dict[str, list[str]] = field(default_factory=dict)  # kind -> titles (lower case)
    role_sector: dict[str, str] = field(default_factory=dict)
    group_nouns: set[str] = field(default_factory=set)
    pronouns: dict[str, set[str]] = field(default_factory=dict)  # gender -> pronouns
    pronoun_window: int = 3
    locative_preps: set[str] = field(default_factory=set)
    locative_heads: set[str] = field(default_factory=set)
    counterpart_nouns: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)
    folds: list[tuple[str, str]] = field(default_factory=list)
    fuzzy_threshold: float = 88.0
    fuzzy_role_threshold: float = 75.0
    not_actors: set[str] = field(default_factory=set)  # platforms and media (exact names)
    channel_cues: set[str] = field(default_factory=set)  # "post" in "a post on <name>"
    place_heads: set[str] = field(default_factory=set)  # last words of building/venue names
    title_modifiers: set[str] = field(default_factory=set)  # "acting", "interim" before a title
    name_particles: list[str] = field(default_factory=list)  # "al-" in "al-Shaibani"
    group_descriptions: set[str] = field(default_factory=set)  # "the group", "the rebels"
    body_descriptions: set[str] = field(default_factory=set)  # "the bloc", "the alliance"
    generic_groups: dict[str, str] = field(default_factory=dict)  # "mediators" -> actor id
    pair_nouns: dict[str, str] = field(default_factory=dict)  # "countries" -> state | person | any
    counts: dict[str, int] = field(default_factory=dict)  # "two" -> 2, "both" -> 2

    def kinds_of_title(self, title: str) -> list[str]:
        t = title.lower()
        return [k for k, titles in self.role_titles.items() if t in titles]

    def pronoun_gender(self, word: str) -> str | None:
        for gender, words in self.pronouns.items():
            if word.lower() in words:
                return gender
        return None

    def fold(self, name: str) -> str:
        """Lower-case, accent-free, transliteration-folded name ("Andrij" -> "andri")."""
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
        s = re.sub(r"[^a-z ]+", " ", s)
        for a, b in self.folds:
            s = s.replace(a, b)
        return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def load_rules() -> LinkRules:
    data = yaml.safe_load((DATA_DIR / "linking.yaml").read_text(encoding="utf-8"))
    roles = data.get("roles") or {}
    return LinkRules(
        role_titles={k: [t.lower() for t in v.get("titles") or []] for k, v in roles.items()},
        role_sector={k: v.get("sector") or "" for k, v in roles.items()},
        group_nouns={w.lower() for w in data.get("group_nouns") or []},
        pronouns={g: {w.lower() for w in ws} for g, ws in (data.get("pronouns") or {}).items()},
        pronoun_window=int(data.get("pronoun_window", 3)),
        locative_preps={w.lower() for w in data.get("locative_preps") or []},
        locative_heads={w.lower() for w in data.get("locative_heads") or []},
        counterpart_nouns={w.lower() for w in data.get("counterpart_nouns") or []},
        honorifics=set(data.get("honorifics") or []),
        folds=[(a, b) for a, b in data.get("translit_folds") or []],
        fuzzy_threshold=float(data.get("fuzzy_threshold", 88)),
        fuzzy_role_threshold=float(data.get("fuzzy_role_threshold", 75)),
        not_actors={str(w) for w in data.get("not_actors") or []},
        channel_cues={str(w).lower() for w in data.get("channel_cues") or []},
        place_heads={str(w).lower() for w in data.get("place_heads") or []},
        title_modifiers={str(w).lower() for w in data.get("title_modifiers") or []},
        name_particles=[str(w) for w in data.get("name_particles") or []],
        group_descriptions={str(w).lower() for w in data.get("group_descriptions") or []},
        body_descriptions={str(w).lower() for w in data.get("body_descriptions") or []},
        generic_groups={str(k).lower(): str(v) for k, v in (data.get("generic_groups") or {}).items()},
        pair_nouns={str(k).lower(): str(v) for k, v in (data.get("pair_nouns") or {}).items()},
        counts={str(k).lower(): int(v) for k, v in (data.get("counts") or {}).items()},
    )
