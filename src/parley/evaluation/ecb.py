"""``parley eval ecb DIR``: cross-document event coreference on ECB+.

DIR holds topic folders (``1/``, ``2/``, ...) of ECB+ CAT-XML documents beside
``ECBplus_coreference_sentences.csv``. For each topic, every document is run
through parley's pipeline and the topic's events are merged with
:func:`parley.merge.merge_events`. Only the sentences listed in the CSV are
scored, as is standard. Two settings:

- gold mentions: an :class:`Event` per gold event mention (ACTION_* and
  NEG_ACTION_*), with the actors, places and times parley finds in its sentence
  (actor spans, else the NER entities), same-lemma mentions in one document
  taken as one event (what the extractor does within an article), then merged;
- end to end: parley's own events (``doc._.events``), their mentions matched to
  gold mentions by token overlap.

Scores: MUC, B³, CEAF-e and CoNLL F1 over all scored mentions of all topics
(singletons included). ``--format topics:1-22`` restricts the topics.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.evaluation import EvalOptions, EvalResult
from parley.evaluation.corefscore import conll
from parley.records import Article, Event, EventDate, Location, Mention

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus"
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}

MentionKey = tuple[str, int, int]  # (document, first char, end char)


@dataclass
class GoldMention:
    doc: str
    start: int
    end: int
    sentence: int
    cluster: str

    @property
    def key(self) -> MentionKey:
        return (self.doc, self.start, self.end)


@dataclass
class EcbDoc:
    name: str
    topic: str
    text: str
    sentences: dict[int, tuple[int, int]]  # sentence number -> char range
    mentions: list[GoldMention] = field(default_factory=list)


# --------------------------------------------------------------------------- reading
def read_sentences(root: Path) -> dict[str, set[int]]:
    """document name ("1_10ecbplus") -> annotated sentence numbers."""
    out: dict[str, set[int]] = defaultdict(set)
    with (root / SENTENCES_CSV).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def _tokens(tree: ET.Element) -> tuple[str, dict[str, tuple[int, int, int]], dict[int, tuple[int, int]]]:
    """Text (one line per sentence), token id -> (start, end, sentence), sentence -> range."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    pos, current = 0, None
    for tok in tree.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if current is not None and sent != current:
            parts.append("\n")
            pos += 1
        elif current is not None:
            parts.append(" ")
            pos += 1
        current = sent
        word = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), sent)
        first = sentences.get(sent, (pos, pos))[0]
        sentences[sent] = (first, pos + len(word))
        parts.append(word)
        pos += len(word)
    return "".join(parts), offsets, sentences


def _clusters(tree: ET.Element, name: str) -> dict[str, str]:
    """mention id -> gold cluster id (instance id across documents, or a per-document chain)."""
    out = {}
    for rel in tree.iter():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        target = rel.find("target")
        cid = rel.get("note") or f"{name}#intra{target.get('m_id') if target is not None else rel.get('r_id')}"
        for src in rel.findall("source"):
            out[src.get("m_id", "")] = cid
    return out


def read_doc(path: Path, annotated: set[int]) -> EcbDoc:
    tree = ET.parse(path).getroot()
    name = path.stem
    text, offsets, sentences = _tokens(tree)
    doc = EcbDoc(name, name.split("_")[0], text, sentences)
    clusters = _clusters(tree, name)
    markables = tree.find("Markables")
    for mark in markables if markables is not None else []:
        anchors = [offsets[a.get("t_id", "")] for a in mark.findall("token_anchor") if a.get("t_id") in offsets]
        if not re.match(r"(NEG_)?ACTION_", mark.tag) or not anchors:
            continue
        sent = anchors[0][2]
        if sent not in annotated:
            continue
        mid = mark.get("m_id", "")
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        doc.mentions.append(GoldMention(name, start, end, sent, clusters.get(mid, f"{name}#single{mid}")))
    return doc


def topic_dirs(root: Path, topics: set[str] | None = None) -> list[Path]:
    dirs = [p for p in root.iterdir() if p.is_dir() and p.name.isdigit()]
    if topics is not None:
        dirs = [p for p in dirs if p.name in topics]
    return sorted(dirs, key=lambda p: int(p.name))


def read_topics(root: Path, topics: set[str] | None = None, limit: int | None = None) -> Iterator[list[EcbDoc]]:
    """The documents of each topic (with ``limit``, only the first N documents overall)."""
    sentences = read_sentences(root)
    left = limit
    for tdir in topic_dirs(root, topics):
        files = sorted(tdir.glob("*.xml"), key=lambda p: p.name)
        if left is not None:
            files, left = files[:left], left - len(files[:left])
        if files:
            yield [read_doc(p, sentences.get(p.stem, set())) for p in files]
        if left is not None and left <= 0:
            return


# --------------------------------------------------------------------------- parley side
def _slug(text: str, label: str) -> str:
    words = re.findall(r"\w+", text.lower())
    if label == "PERSON" and words:
        return words[-1]
    return "-".join(w for w in words if w != "the")


def _sentence_args(doc: Doc, start: int, end: int) -> tuple[list[str], Location | None, EventDate | None]:
    """Actors, place and time parley finds in the sentence around [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    sent: Span = span.sent if span is not None else doc[:]
    actors = [s._.actor_id for s in doc.spans.get("actors", []) if sent.start <= s.start < sent.end and s._.actor_id]
    if not actors:
        actors = [_slug(e.text, e.label_) for e in sent.ents if e.label_ in ACTOR_LABELS]
    place = next((Location(name=e.text) for e in sent.ents if e.label_ in PLACE_LABELS), None)
    date = None
    for tx in doc.spans.get("timexes", []):
        if sent.start <= tx.start < sent.end and tx._.timex_value and tx._.timex_type == "DATE":
            date = EventDate(value=tx._.timex_value, start=None, end=None, text=tx.text)
            break
    return list(dict.fromkeys(a for a in actors if a)), place, date


def _lemma(doc: Doc, start: int, end: int) -> str:
    """The mention's lemma: the whole phrase when it is a listed trigger ("open fire"), else its root's."""
    from parley.merge import listed_trigger

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    if len(span) > 1:
        phrase = " ".join(t.lemma_.lower() for t in span if not t.is_punct)
        if listed_trigger(phrase):
            return phrase
    return span.root.lemma_.lower()


def _same_event_in_article(a: str, b: str) -> bool:
    """Within one article: same lemma, or same stem / listed synonyms (what the extractor merges)."""
    from parley.merge import trigger_score

    return a == b or trigger_score(a, b) >= 0.8


def gold_events(ecb: EcbDoc, doc: Doc) -> list[Event]:
    """Events built from the gold mentions; synonymous mentions in one document form one event."""
    events: list[Event] = []
    for gm in ecb.mentions:
        lemma = _lemma(doc, gm.start, gm.end) or ecb.text[gm.start:gm.end].lower()
        actors, place, date = _sentence_args(doc, gm.start, gm.end)
        ev = next((e for e in events if _same_event_in_article(e.explain["lemma"], lemma)), None)
        if ev is None:
            ev = Event(id=f"{ecb.name}-g{len(events) + 1}", type="EVENT", trigger=lemma,
                       explain={"lemma": lemma})
            events.append(ev)
        ev.mentions.append(Mention(ecb.name, gm.start, gm.end, ecb.text[gm.start:gm.end]))
        ev.participants = list(dict.fromkeys([*ev.participants, *actors]))
        ev.location = ev.location or place
        ev.date = ev.date or date
    return events


def _in_sentences(ecb: EcbDoc, start: int) -> bool:
    annotated = {gm.sentence for gm in ecb.mentions}
    return any(ecb.sentences[s][0] <= start <= ecb.sentences[s][1] for s in annotated if s in ecb.sentences)


def _trigger_spans(ev: Event) -> list[Mention]:
    """The trigger offsets the extractor recorded (``explain.mentions``), else the mentions."""
    found = []
    for m in ev.explain.get("mentions", []) if isinstance(ev.explain.get("mentions"), list) else []:
        if isinstance(m, dict) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            art = ev.mentions[0].article if ev.mentions else ""
            found.append(Mention(str(m.get("article") or art), m["start"], m["end"], m.get("trigger")))
    return found or list(ev.mentions)


def system_events(ecb: EcbDoc, events: Iterable[Event]) -> list[Event]:
    """parley's events with their trigger mentions re-keyed to the gold mention they overlap."""
    out = []
    for ev in events:
        mentions = []
        for m in _trigger_spans(ev):
            if not _in_sentences(ecb, m.start):
                continue
            mentions.append(_match(ecb, m, ev.trigger))
        if mentions:
            out.append(Event(**{**ev.__dict__, "mentions": mentions}))
    return out


def _match(ecb: EcbDoc, m: Mention, trigger: str | None) -> Mention:
    best: tuple[float, int, int] | None = None
    for gm in ecb.mentions:
        overlap = min(m.end, gm.end) - max(m.start, gm.start)
        if overlap <= 0:
            continue
        is_trigger = bool(trigger) and ecb.text[gm.start:gm.end].lower() == (trigger or "").lower()
        rank = overlap / (gm.end - gm.start) + (1.0 if is_trigger else 0.0)
        if best is None or rank > best[0]:
            best = (rank, gm.start, gm.end)
    if best is None:
        return Mention(m.article, m.start, m.end)
    return Mention(m.article, best[1], best[2])


# --------------------------------------------------------------------------- running
@dataclass
class TopicRecords:
    topic: str
    articles: list[Article]
    gold_events: list[Event]
    system_events: list[Event]
    gold_clusters: list[list[MentionKey]]


def process_topic(docs: list[EcbDoc], nlp: Language | None = None) -> TopicRecords:
    """Run parley's pipeline (or the given ``nlp``) over one topic's documents."""
    from parley.nlp import load_nlp, make_doc
    from parley.pipeline import doc_to_record
    from parley.records import ArticleInput

    nlp = nlp or load_nlp()
    articles, gold, system = [], [], []
    pairs = [(make_doc(nlp, d.text, d.name, None), d) for d in docs]
    for doc, ecb in zip(nlp.pipe((p[0] for p in pairs), batch_size=16), (p[1] for p in pairs), strict=True):
        art = ArticleInput(id=ecb.name, text=ecb.text)
        rec = doc_to_record(doc, art)
        articles.append(rec.articles[0])
        gold.extend(gold_events(ecb, doc))
        system.extend(system_events(ecb, rec.events))
    clusters: dict[str, list[MentionKey]] = defaultdict(list)
    for d in docs:
        for gm in d.mentions:
            clusters[gm.cluster].append(gm.key)
    return TopicRecords(docs[0].topic, articles, gold, system, list(clusters.values()))


def merged_clusters(tr: TopicRecords, events: list[Event], cfg: dict[str, Any] | None = None) -> list[list[MentionKey]]:
    from parley.merge import _sources, merge_events

    src = _sources(tr.articles, {})
    merged = merge_events(events, tr.articles, src, cfg)
    return [[(m.article, m.start, m.end) for m in ev.mentions] for ev in merged]


def score_topics(topics: list[TopicRecords], cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    key: list[list[MentionKey]] = []
    gold_resp: list[list[MentionKey]] = []
    e2e_resp: list[list[MentionKey]] = []
    for tr in topics:
        key.extend(tr.gold_clusters)
        gold_resp.extend(merged_clusters(tr, tr.gold_events, cfg))
        e2e_resp.extend(merged_clusters(tr, tr.system_events, cfg) if tr.system_events else [])
    gold_scores, e2e_scores = conll(key, gold_resp), conll(key, e2e_resp)
    metrics: dict[str, Any] = {
        "topics": len(topics), "documents": len(topics and [a for t in topics for a in t.articles]),
        "gold_mentions": sum(len(c) for c in key), "gold_clusters": len(key),
        "system_mentions": sum(len(c) for c in e2e_resp),
        "conll_f1_gold_mentions": gold_scores["conll_f1"], "conll_f1_end_to_end": e2e_scores["conll_f1"],
    }
    for name in ("muc", "b3", "ceafe"):
        metrics[f"{name}_gold_mentions"] = gold_scores[name]
        metrics[f"{name}_end_to_end"] = e2e_scores[name]
    return metrics


def _topics_option(fmt: str | None) -> set[str] | None:
    """``topics:1-22`` or ``topics:1,3,5`` -> topic names."""
    if not fmt or not fmt.startswith("topics:"):
        return None
    out: set[str] = set()
    for part in fmt.split(":", 1)[1].split(","):
        lo, _, hi = part.partition("-")
        out.update(str(n) for n in range(int(lo), int(hi or lo) + 1))
    return out


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    root = Path(path) if path else DEFAULT_DIR
    chosen = _topics_option(options.fmt)
    if not (root / SENTENCES_CSV).exists() and (root.parent / SENTENCES_CSV).exists():
        root, chosen = root.parent, {root.name}  # a single topic folder was given
    topics = [process_topic(docs) for docs in read_topics(root, chosen, options.limit)]
    metrics = score_topics(topics)
    rows: list[list[Any]] = [["setting", "MUC F1", "B³ F1", "CEAF-e F1", "CoNLL F1"]]
    for setting in ("gold_mentions", "end_to_end"):
        rows.append([setting.replace("_", " "), metrics[f"muc_{setting}"]["f1"], metrics[f"b3_{setting}"]["f1"],
                     metrics[f"ceafe_{setting}"]["f1"], metrics[f"conll_f1_{setting}"]])
    notes = [f"ECB+ {root}: {metrics['topics']} topics, {metrics['documents']} documents, "
             f"{metrics['gold_mentions']} gold event mentions in {metrics['gold_clusters']} clusters; "
             f"{metrics['system_mentions']} system mentions"]
    return EvalResult("ECB+ event coreference", metrics, rows, notes)
