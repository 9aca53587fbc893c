"""Where each time pattern can start: one pass over a text instead of one regex scan per pattern.

Every pattern of patterns.yaml is ``LEFT_EDGE(?:...)`` compiled case-insensitively. From its
parse tree we compute the set of (case-folded) strings of up to ``K`` characters that any of its
matches must begin with. One scan of the text lists the positions that pass the left edge, an
index maps each position's first characters to the patterns that can start there, and each
pattern is then tried (``regex.match``) only at its own positions. Trying every candidate
position in order and resuming after each match is what ``finditer`` does, so the matches are
the same; the prefix sets are a superset (anything the analysis cannot bound stops the prefix
early), never a guess. The scan runs on the folded text (``fold``: same length); folding keeps
word characters word characters and leaves ``$£€.,/:`` alone, so the left edge reads the same.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib regex parser (3.11+), read-only use
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from parley.timex.lexicon import LEFT_EDGE, Pattern, patterns

K = 6  # characters of prefix indexed
GATE = 3  # characters of prefix the one scan checks before Python looks at a position
CAP = 2000  # prefixes per pattern and step before the analysis stops extending them
C = sre_parse  # opcode constants (LITERAL, IN, BRANCH, ...) live in the parser module's namespace

_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyz"
Node = tuple[Any, Any]  # (opcode, argument) of the regex parse tree


class _Fold(dict[int, str]):
    """``str.translate`` table: one character to one character, so offsets do not move.

    ASCII letters go to lower case, any character that the regex engine treats as equal to an
    ASCII letter under IGNORECASE (the Kelvin sign, long s, dotted I) to that letter, Unicode
    white space to a space and Unicode decimal digits to ``0``; other characters stay."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace():
            out = " "
        elif ch.isdecimal():
            out = "0" if code > 127 else ch
        elif code < 128:
            out = ch.lower()
        else:
            out = next((a for a in _ASCII_LETTERS if re.fullmatch(a, ch, re.IGNORECASE)), ch)
        self[code] = out
        return out


FOLD = _Fold()


def fold(text: str) -> str:
    return text.translate(FOLD)


def _literal(code: int) -> set[str] | None:
    """Folded images of the characters a case-insensitive literal matches (None: unbounded)."""
    ch = chr(code)
    if code >= 128 and ch.lower() != ch.upper():
        return None  # a cased non-ASCII literal: not analysed
    return {FOLD[code]}


def _charset(items: list[Node]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars = _literal(av)
        elif op is C.RANGE:
            lo, hi = av
            if hi >= 128:
                return None
            chars = {FOLD[c] for c in range(lo, hi + 1)}
        elif op is C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT):
            chars = set("0123456789")
        elif op is C.CATEGORY and av in (C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE):
            chars = {" "}
        else:
            return None  # NEGATE, \w, ...: any character
        if chars is None:
            return None
        out |= chars
    return out


class _Prefixes:
    """Prefix sets of a parsed pattern: ``closed`` strings end the known part of a match."""

    def __init__(self) -> None:
        self.closed: set[str] = set()

    def seq(self, items: list[Node], opens: set[str]) -> set[str]:
        for item in items:
            if not opens:
                break
            opens = self.item(item, opens)
        return opens

    def extend(self, opens: set[str], chars: set[str] | None) -> set[str]:
        if chars is None or len(opens) * len(chars) > CAP:
            self.closed |= opens
            return set()
        grown = {s + c for s in opens for c in chars}
        full = {s for s in grown if len(s) >= K}
        self.closed |= full
        return grown - full

    def item(self, item: Node, opens: set[str]) -> set[str]:
        op, av = item
        if op is C.LITERAL:
            return self.extend(opens, _literal(av))
        if op is C.IN:
            return self.extend(opens, _charset(av))
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return opens  # zero width
        if op is C.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                out |= self.seq(alt, opens)
            return out
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return self.extend(opens, None)
            return self.seq(sub, opens)
        if op is C.ATOMIC_GROUP:
            return self.seq(av, opens)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            return self.repeat(av, opens)
        return self.extend(opens, None)  # NOT_LITERAL, ANY, group references: any character

    def repeat(self, av: tuple[int, int, list[Node]], opens: set[str]) -> set[str]:
        lo, hi, sub = av
        cur = opens
        for _ in range(lo):
            cur = self.seq(sub, cur)
        result = set(cur)
        extra = 0
        while cur and (hi == C.MAXREPEAT or extra < hi - lo):
            cur = self.seq(sub, cur) - result
            result |= cur
            extra += 1
        return result


def prefixes(pat: Pattern) -> set[str] | None:
    """Folded strings one of which every match of ``pat`` starts with (None: no bound)."""
    if pat.regex.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    tree = sre_parse.parse(pat.regex.pattern, pat.regex.flags)
    walk = _Prefixes()
    walk.closed |= walk.seq(list(tree), {""})
    return None if "" in walk.closed else walk.closed


def _trie_regex(heads: set[str]) -> str:
    """A regex matching any string that starts with one of ``heads`` (shared prefixes factored)."""
    if "" in heads:
        return ""
    by_first: dict[str, set[str]] = {}
    for h in heads:
        by_first.setdefault(h[0], set()).add(h[1:])
    alts = [re.escape(c) + _trie_regex(rest) for c, rest in sorted(by_first.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


class Index:
    """Patterns by the folded prefixes their matches start with."""

    def __init__(self, pats: list[Pattern]) -> None:
        self.anywhere: list[int] = []  # patterns without a usable prefix: scanned as before
        self.by_len: list[dict[str, list[int]]] = [{} for _ in range(K + 1)]
        heads: set[str] = set()
        for order, pat in enumerate(pats):
            pre = prefixes(pat) if pat.regex.pattern.startswith(LEFT_EDGE) else None
            if pre is None:
                self.anywhere.append(order)
                continue
            for s in pre:
                self.by_len[len(s)].setdefault(s, []).append(order)
                heads.add(s[:GATE])
        # positions where some indexed prefix may start (zero width: candidates may be adjacent)
        self.gate = re.compile(LEFT_EDGE + "(?=" + _trie_regex(heads) + ")") if heads else None

    def starts(self, text: str, n: int) -> list[list[int]]:
        """For each of the ``n`` patterns, the positions (ascending) where it may match."""
        out: list[list[int]] = [[] for _ in range(n)]
        if self.gate is None:
            return out
        folded = fold(text)
        by_key: dict[str, list[int]] = {}
        for mo in self.gate.finditer(folded):
            p = mo.start()
            by_key.setdefault(folded[p:p + K], []).append(p)
        lens = [(k, table) for k, table in enumerate(self.by_len) if table]
        touched: set[int] = set()
        for key, where in by_key.items():
            for k, table in lens:
                for i in table.get(key[:k], ()):
                    out[i].extend(where)
                    touched.add(i)
        for i in touched:
            out[i].sort()
        return out


@lru_cache(maxsize=1)
def index() -> Index:
    return Index(patterns())


def matches(text: str) -> Iterator[tuple[int, Pattern, re.Match[str]]]:
    """``(order, pattern, match)`` for every pattern in order, matches in text order: what
    ``pattern.regex.finditer(text)`` over ``patterns()`` gives."""
    pats = patterns()
    idx = index()
    starts = idx.starts(text, len(pats))
    anywhere = set(idx.anywhere)
    for order, pat in enumerate(pats):
        if order in anywhere:
            for mo in pat.regex.finditer(text):
                yield order, pat, mo
            continue
        rx = pat.regex
        pos = 0
        for p in starts[order]:
            if p < pos:
                continue
            found = rx.match(text, p)
            if found is not None:
                yield order, pat, found
                pos = found.end()  # indexed patterns never match empty
