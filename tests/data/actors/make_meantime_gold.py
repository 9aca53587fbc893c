"""Build tests/data/actors/meantime_gold.json from MEANTIME (run once; the JSON is then reviewed by hand).

Conversion rules (the gold's definition of an actor mention, same as for the seed gold):
- entity instances of type PER and ORG, and LOC instances that are registry states/organisations;
- a mention that contains a shorter mention of the same actor is dropped (the head mention is kept);
- pronouns other than he/she/him/his/her/himself/herself, and nominal mentions without a proper noun
  ("the company", "the nation", "local airlines") are out of scope and dropped;
- a state/organisation adjective before a noun that is not a group noun ("European aircraft") is dropped;
- actors in the registry get their registry id; others keep "?<MEANTIME descriptor>".
Usage: .venv/bin/python tests/data/actors/make_meantime_gold.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from parley.actors import default_registry
from parley.actors.rules import load_rules
from parley.evaluation.actors import convert_meantime
from parley.paths import shared_dir

DOCS = ["87805", "108294", "102977", "5403", "100911"]
PRONOUNS = {"he", "she", "him", "his", "her", "himself", "herself"}
OUT = Path(__file__).with_name("meantime_gold.json")


def _registry_id(texts: list[str]) -> str | None:
    index = default_registry().alias_index
    for t in texts:
        t = re.sub(r"^(the|The) ", "", t.replace(" .", ".").strip())
        ids = {i for i, a in index.get(t, []) if a.kind not in ("adjective",)}
        if len(ids) == 1:
            return ids.pop()
    return None


def clean(doc: dict) -> dict:
    rules = load_rules()
    ms = doc["mentions"]
    by_actor: dict[str, list[dict]] = {}
    for m in ms:
        by_actor.setdefault(m["actor"], []).append(m)
    ids = {a: _registry_id([m["text"] for m in v] + [a[1:].replace("-", " ")]) for a, v in by_actor.items()}
    text = doc["_text"]
    out, seen = [], set()
    for m in ms:
        words = m["text"].split()
        if any(o is not m and o["actor"] == m["actor"] and m["start"] <= o["start"] and o["end"] <= m["end"]
               and (o["start"], o["end"]) != (m["start"], m["end"]) for o in ms):
            continue
        if len(words) == 1 and words[0].lower() in PRONOUNS:
            pass
        elif not any(w[:1].isupper() and w.lower() not in ("the", "a", "an", "we", "our", "us", "it", "its")
                     for w in words) or words[0].lower() in ("we", "our", "us", "it", "its", "they", "their"):
            continue
        nxt = re.match(r"\s*(\w+)", text[m["end"]:])
        if len(words) == 1 and (words[0].endswith("-led") or (ids[m["actor"]] and nxt and nxt.group(1)[0].islower()
                                and nxt.group(1).lower() not in rules.group_nouns
                                and words[0] in {a.text for _, a in default_registry().alias_index.get(words[0], [])
                                                 if a.kind == "adjective"})):
            continue
        key = (m["start"], m["end"])
        if key in seen:
            continue
        seen.add(key)
        actor = ids[m["actor"]] or m["actor"]
        out.append({"start": m["start"], "end": m["end"], "text": m["text"], "actor": actor})
    return {"id": doc["id"], "published": doc.get("published"), "meantime": doc["meantime"], "mentions": out}


def main() -> None:
    from parley.evaluation.actors import meantime_text

    base = shared_dir() / "data" / "meantime" / "corpus_airbus"
    docs = []
    for name in DOCS:
        path = next(base.glob(f"{name}_*.xml"))
        raw = convert_meantime(path)
        raw["_text"] = meantime_text(path)[0]
        dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})', path.read_text())
        raw["published"] = dct.group(1) if dct else None
        docs.append(clean(raw))
    OUT.write_text(json.dumps({"about": "MEANTIME (corpus_airbus) entity mentions converted by "
                               "make_meantime_gold.py and reviewed by hand; see docs/actors.md",
                               "documents": docs}, indent=1, ensure_ascii=False))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
