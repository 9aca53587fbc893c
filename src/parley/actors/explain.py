"""``parley actors show NAME``: how a name resolves — which alias, which rule, which registry entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rapidfuzz import fuzz

from parley.actors.registry import Entry, Registry, default_registry
from parley.actors.rules import load_rules


def _entry_info(reg: Registry, e: Entry, on: dt.date | None) -> dict[str, Any]:
    return {
        "id": e.id, "name": e.name, "type": e.type,
        "country": reg.speaks_for(e),
        "role": e.role_title_on(on), "wikidata": e.wikidata, "cameo": e.cameo, "iso": e.iso,
        "gender": e.gender, "source": e.source,
        "aliases": [f"{a.text} ({a.kind}{', when ' + '/'.join(a.when) if a.when else ''})" for a in e.aliases],
        "roles": [{"title": r.title, "kind": r.kind, "of": r.of,
                   "start": r.start.isoformat() if r.start else None,
                   "end": r.end.isoformat() if r.end else None, "active": r.active(on)} for r in e.roles],
    }


def explain(name: str, on: dt.date | None = None, registry: Registry | None = None,
            limit: int = 5) -> list[dict[str, Any]]:
    """Registry entries ``name`` can resolve to, best first, each with the alias and rule that matched."""
    reg = registry or default_registry()
    rules = load_rules()
    out: list[dict[str, Any]] = []
    for actor_id, alias in reg.alias_index.get(name, []):
        rule = f"alias:{alias.kind}" + (f" (only if the article mentions {', '.join(alias.when)})"
                                        if alias.when else "")
        out.append({"match": alias.text, "rule": rule, "score": 100.0,
                    **_entry_info(reg, reg.entries[actor_id], on)})
    if not out:
        out = _fuzzy(reg, rules.fold(name), on, limit)
    return out[:limit]


def _fuzzy(reg: Registry, folded: str, on: dt.date | None, limit: int) -> list[dict[str, Any]]:
    rules = load_rules()
    scored = []
    for e in reg.entries.values():
        for text in [e.name] + [a.text for a in e.aliases]:
            score = fuzz.ratio(folded, rules.fold(text))
            if text.lower() == folded:
                score = 100.0
            scored.append((score, text, e))
    scored.sort(key=lambda s: -s[0])
    out, seen = [], set()
    for score, text, e in scored:
        if e.id in seen or score < 60:
            continue
        seen.add(e.id)
        accepted = score >= rules.fuzzy_threshold and e.type == "person"
        rule = f"fuzzy (folded ratio {score:.0f}; {'accepted' if accepted else 'below threshold'} "
        rule += f"{rules.fuzzy_threshold:.0f}; only for PERSON names)"
        out.append({"match": text, "rule": rule, "score": round(score, 1), **_entry_info(reg, e, on)})
        if len(out) >= limit:
            break
    return out


def explain_in_text(text: str, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Run the pipeline's actor stage on ``text`` and list every mention with its rule."""
    from parley.nlp import load_nlp, make_doc

    nlp = load_nlp()
    doc = nlp(make_doc(nlp, text, "cli", on))
    return [{"start": s.start_char, "end": s.end_char, "text": s.text, "actor": s._.actor_id,
             "rule": s._.actor_rule} for s in doc.spans["actors"]]
