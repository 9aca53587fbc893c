"""The cross-article event merge as a Spark job; the same events as ``parley.merge.merge_record``.

``merge_record_spark(spark, record, events_df) -> Record``:

1. Driver, article level (linear): near-duplicate links, sources, and the story context
   (tf-idf rows, stories) from the articles' texts: ``parley.merge.prepare_merge`` and
   ``Context``. The context goes to the executors once, as a broadcast, without the texts.
2. Spark, event level: every event gets its blocking keys (``parley.merge.block_keys``: type,
   story, actor / trigger stem / place, date window); a key's block is cut at ``max_block``
   members in record order. Blocks give the edges of the candidate-pair graph (a chain per full
   block, a star per probe), which the driver turns into connected components (union-find over
   integer pairs).
3. Spark, per component (``groupBy(component).applyInPandas``): score, cluster and combine the
   component's events (``parley.merge.merge_event_block``), with the words around each mention
   taken from the article text joined in Spark.
4. Driver: statements and proposals (few per article) are merged, ids made unique, positions
   remapped (``parley.merge.finish_merge``).

Clustering never crosses a component, so step 3 gives the events one run over the whole record
gives: ``tests/test_engine.py`` checks the two records are equal on local[2].
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from parley.merge import (
    Context,
    _type_keys,
    affiliations,
    block_keys,
    finish_merge,
    load_config,
    mention_windows,
    merge_event_block,
    prepare_merge,
)
from parley.records import Event, Record

KEY_SCHEMA = "key string, idx long, role string"
MERGED_SCHEMA = "data string"


def _key_text(key: tuple[Any, ...]) -> str:
    return json.dumps(list(key), separators=(",", ":"))


def _keys_fn(ctx_b: Any, cfg: dict[str, Any]) -> Any:
    """mapInPandas: (idx, data) event rows -> (key, idx, role) rows; role m(ember), f(ull), p(robe)."""
    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        ctx: Context = ctx_b.value
        for pdf in batches:
            out: list[tuple[str, int, str]] = []
            events = [Event.from_dict(json.loads(d)) for d in pdf["data"]]
            tkeys = _type_keys(events, cfg)
            for idx, ev, tkey in zip(pdf["idx"].tolist(), events, tkeys, strict=True):
                st = ctx.story_of(ev.mentions[0].article) if ev.mentions else None
                listed, full, probes = block_keys(ev, tkey, st, cfg)
                fullset = set(full)
                out.extend((_key_text(k), idx, "f" if k in fullset else "m") for k in listed)
                out.extend((_key_text(k), idx, "p") for k in probes)
            yield pd.DataFrame(out, columns=["key", "idx", "role"])
    return fn


def _edges(keys: Any, cap: int) -> Any:
    """Edges of the candidate-pair graph: a chain through each full block, a star from each probe."""
    from pyspark.sql import functions as F

    members = keys.filter(F.col("role") != "p")
    blocks = (members.groupBy("key")
              .agg(F.slice(F.sort_array(F.collect_set("idx")), 1, cap).alias("ms"),
                   F.max(F.col("role") == "f").alias("full")))
    chain = (blocks.filter(F.col("full") & (F.size("ms") > 1))
             .select(F.posexplode(F.slice("ms", 1, F.size("ms") - 1)).alias("pos", "a"), "ms")
             .select("a", F.element_at("ms", F.col("pos") + 2).alias("b")))
    probes = keys.filter(F.col("role") == "p").select("key", F.col("idx").alias("a"))
    star = (probes.join(blocks.select("key", "ms"), "key")
            .select("a", F.explode("ms").alias("b")).filter(F.col("a") != F.col("b")))
    return chain.unionByName(star)


def _components(edges: list[tuple[int, int]]) -> dict[int, int]:
    """Union-find over integer edges: node -> smallest node of its component (nodes in edges only)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _merge_fn(ctx_b: Any, affiliation_b: Any, cfg: dict[str, Any]) -> Any:
    """applyInPandas per component: (comp, idx, data, windows) rows -> merged events as JSON."""
    def fn(pdf: Any) -> Any:
        import pandas as pd

        ctx: Context = ctx_b.value.without_texts()  # fresh caches: event ids are per component
        pdf = pdf.sort_values("idx")
        events = [Event.from_dict(json.loads(d)) for d in pdf["data"]]
        for ev, windows in zip(events, pdf["windows"], strict=True):
            ctx.set_mention_windows(ev, json.loads(windows))
        merged = merge_event_block(events, ctx, affiliation_b.value, cfg)
        return pd.DataFrame({"data": [json.dumps(e.to_dict(), ensure_ascii=False) for e in merged]})
    return fn


def _text_of(text: str) -> Callable[[str], str]:
    """The article text, whatever the article id (the row holds one article's text)."""
    return lambda _article: text


def _windows_fn(window: int) -> Any:
    """mapInPandas: events joined with their article text -> the text windows around the mentions."""
    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        for pdf in batches:
            wins = []
            for data, text in zip(pdf["data"], pdf["text"], strict=True):
                ev = Event.from_dict(json.loads(data))
                wins.append(json.dumps(mention_windows(ev, _text_of(text or ""), window)))
            pdf = pdf.drop(columns=["text"])
            pdf["windows"] = wins
            yield pdf
    return fn


def merge_record_spark(spark: Any, record: Record, facts: Any) -> Record:
    """The merged record, events merged on Spark.

    ``record`` is the per-article record without its events (articles, actors, statements,
    proposals, positions, timexes: the driver writes them into the record anyway);
    ``facts`` is the fact-row DataFrame (article_id, kind, fact_id, data JSON) on the cluster,
    whose event rows are merged there.
    """
    from pyspark.sql import functions as F

    cfg = load_config()["events"]
    rec, src = prepare_merge(record)
    context = Context(rec.articles, src, float(cfg.get("story_threshold", 0.1)), cfg)
    sc = spark.sparkContext
    ctx_b = sc.broadcast(context.without_texts())
    aff_b = sc.broadcast(affiliations(rec.actors))

    # record order: rows_to_record sorts facts by (article_id, fact_id)
    ordered = (facts.filter(F.col("kind") == "events").select("article_id", "fact_id", "data")
               .orderBy("article_id", "fact_id"))
    indexed = ordered.rdd.zipWithIndex().map(lambda r: (r[1], r[0]["article_id"], r[0]["data"]))
    events = spark.createDataFrame(indexed, "idx long, article_id string, data string").cache()
    if events.limit(1).count() == 0:
        return finish_merge(rec, src, [])

    keys = events.select("idx", "data").mapInPandas(_keys_fn(ctx_b, cfg), KEY_SCHEMA)
    edges = [(int(r["a"]), int(r["b"])) for r in _edges(keys, int(cfg["max_block"])).distinct().collect()]
    comp = _components(edges)
    comp_df = spark.createDataFrame(sorted(comp.items()) or [(-1, -1)], "idx long, comp long")

    texts = (facts.filter(F.col("kind") == "articles")
             .select("article_id", F.get_json_object("data", "$.text").alias("text")))
    window = int(cfg.get("mention_window", 200))
    with_windows = (events.join(texts, "article_id", "left")
                    .select("idx", "data", "text")
                    .mapInPandas(_windows_fn(window), "idx long, data string, windows string"))
    grouped = (with_windows.join(comp_df, "idx", "left")
               .withColumn("comp", F.coalesce(F.col("comp"), F.col("idx"))))
    merged_rows = (grouped.groupBy("comp")
                   .applyInPandas(_merge_fn(ctx_b, aff_b, cfg), MERGED_SCHEMA).collect())
    merged = [Event.from_dict(json.loads(r["data"])) for r in merged_rows]
    events.unpersist()
    return finish_merge(rec, src, merged)
