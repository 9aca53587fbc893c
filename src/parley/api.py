"""The REST API and web pages over one store: ``create_app(db_url, token=None) -> FastAPI``.

Read-only by default. ``POST /api/articles`` ingests one article (text, HTML or URL)
through the pipeline and needs the operator's token (``--token`` or
``$PARLEY_API_TOKEN``) as ``Authorization: Bearer T``; without a configured token
ingest is disabled (403). Bad parameters get a 4xx with a message, never a 500.
OpenAPI docs are at ``/docs``.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import threading
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import func, select

from parley import web
from parley.errors import ItemError
from parley.export import FORMATS, MEDIA_TYPES, SUFFIXES, build_record, render
from parley.records import ArticleInput, Record
from parley.store import Store, articles

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
MODALITY_PATTERN = "^(" + "|".join(web.MODALITIES) + ")$"


class RecordCache:
    """The merged record, rebuilt only when the articles table changes (any writer process)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._key: tuple[Any, ...] | None = None
        self._record = Record()
        self._lock = threading.Lock()

    def _stamp(self) -> tuple[Any, ...]:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(func.count(), func.max(articles.c.created_at))).one()
        return tuple(row)

    def get(self) -> Record:
        with self._lock:
            key = self._stamp()
            if key != self._key:
                self._record, self._key = build_record(self.store), key
            return self._record

    def invalidate(self) -> None:
        with self._lock:
            self._key = None


class ArticleIn(BaseModel):
    """One article to ingest: exactly one of ``text``, ``html`` or ``url``."""

    text: str | None = Field(None, description="Plain text of the article (cleaned on ingest).")
    html: str | None = Field(None, description="An HTML page; the main text is extracted.")
    url: str | None = Field(None, description="A URL to fetch.")
    id: str | None = Field(None, max_length=200, description="Article id (default: from the content hash).")
    title: str | None = None
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD (the time anchor).")

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _bad(status: int, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail=message)


def _event_filter(
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated (e.g. CONSULT,x-PROPOSE).",
                                      max_length=400)] = None,
    actor: Annotated[str | None, Query(description="Actor id among sources, targets or participants.",
                                       max_length=200)] = None,
    since: Annotated[dt.date | None, Query(description="Events ending on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events starting on or before this date (YYYY-MM-DD).")] = None,
    modality: Annotated[str | None, Query(pattern=MODALITY_PATTERN,
                                          description="asserted | planned | hypothetical | negated | reported")] = None,
    min_corroboration: Annotated[int, Query(ge=1, le=10_000, description="Minimum number of reports.")] = 1,
    article: Annotated[str | None, Query(description="Only events mentioned in this article.", max_length=200)] = None,
) -> web.EventFilter:
    if since and until and since > until:
        raise _bad(422, f"since ({since}) is after until ({until})")
    return web.EventFilter(type=_split(type), actor=actor, since=since.isoformat() if since else None,
                           until=until.isoformat() if until else None, modality=modality,
                           min_corroboration=min_corroboration, article=article)


EventQuery = Annotated[web.EventFilter, Depends(_event_filter)]


def create_app(db_url: str | None = None, token: str | None = None) -> FastAPI:
    """The API and pages over the store at ``db_url``; ``token`` (or $PARLEY_API_TOKEN) enables ingest."""
    store = Store(db_url)
    token = token or os.environ.get("PARLEY_API_TOKEN") or None
    cache = RecordCache(store)
    app = FastAPI(title="parley", version="0.1.0",
                  description="A sourced record of negotiations and conflicts from news. Every fact carries "
                              "article ids and character offsets into the cleaned text.")
    app.state.store, app.state.cache = store, cache
    templates = Jinja2Templates(directory=str(web.WEB_DIR / "templates"))
    app.mount("/static", StaticFiles(directory=str(web.WEB_DIR / "static")), name="static")
    _errors(app)
    _read_routes(app, cache)
    _ingest_route(app, store, cache, token)
    _pages(app, cache, templates)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {err.get('msg')}")
        return JSONResponse(status_code=422, content={"error": "bad request", "message": "; ".join(problems),
                                                      "detail": problems})

    @app.exception_handler(HTTPException)
    async def _http(_req: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, headers=exc.headers,
                            content={"error": "bad request" if exc.status_code < 500 else "error",
                                     "message": str(exc.detail)})


def _read_routes(app: FastAPI, cache: RecordCache) -> None:  # noqa: C901 - one route per nested function
    @app.get("/api/articles", tags=["read"], summary="Articles (without text), newest first")
    def list_articles(limit: Limit = 50, offset: Offset = 0,
                      q: Annotated[str | None, Query(max_length=200, description="Substring of title or id")] = None
                      ) -> dict[str, Any]:
        rec = cache.get()
        items = [{k: v for k, v in a.to_dict().items() if k != "text"} | {"chars": len(a.text)}
                 for a in rec.articles]
        if q:
            items = [i for i in items if q.lower() in f"{i['id']} {i.get('title') or ''}".lower()]
        items.sort(key=lambda i: (i.get("published") or "", i["id"]), reverse=True)
        return _page(items, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["read"], summary="One article with its highlighted facts")
    def get_article(article_id: str) -> dict[str, Any]:
        view = web.article_view(cache.get(), article_id)
        if view is None:
            raise _bad(404, f"no article {article_id!r}")
        return view

    @app.get("/api/events", tags=["read"], summary="Events, filtered and paginated")
    def list_events(flt: EventQuery, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        rec = cache.get()
        who = web.names(rec)
        return _page([web.event_view(rec, e, who) for e in web.filter_events(rec, flt)], limit, offset)

    @app.get("/api/events/{event_id}", tags=["read"], summary="One event with its evidence")
    def get_event(event_id: str) -> dict[str, Any]:
        rec = cache.get()
        ev = next((e for e in rec.events if e.id == event_id), None)
        if ev is None:
            raise _bad(404, f"no event {event_id!r}")
        return web.event_view(rec, ev)

    @app.get("/api/actors", tags=["read"], summary="Actors with mention and event counts")
    def list_actors(limit: Limit = 200, offset: Offset = 0,
                    type: Annotated[str | None, Query(max_length=40, description="person | state | ...")] = None
                    ) -> dict[str, Any]:
        rec = cache.get()
        n_events = {a: sum(a in web.actors_of(e) for e in rec.events) for a in (x.id for x in rec.actors)}
        items = [{k: v for k, v in a.to_dict().items() if k != "mentions"}
                 | {"mentions": len(a.mentions), "events": n_events[a.id]}
                 for a in rec.actors if not type or a.type == type]
        items.sort(key=lambda i: (-i["events"], -i["mentions"], i["id"]))
        return _page(items, limit, offset)

    @app.get("/api/actors/{actor_id}", tags=["read"], summary="One actor with its mentions")
    def get_actor(actor_id: str) -> dict[str, Any]:
        rec = cache.get()
        actor = next((a for a in rec.actors if a.id == actor_id), None)
        if actor is None:
            raise _bad(404, f"no actor {actor_id!r}")
        events = [e.id for e in rec.events if actor_id in web.actors_of(e)]
        return actor.to_dict() | {"events": events}

    @app.get("/api/statements", tags=["read"], summary="Statements (quotes)")
    def list_statements(limit: Limit = 100, offset: Offset = 0,
                        speaker: Annotated[str | None, Query(max_length=200)] = None,
                        article: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
        items = [s.to_dict() for s in cache.get().statements
                 if (not speaker or s.speaker == speaker) and (not article or any(m.article == article for m in s.mentions))]
        return _page(items, limit, offset)

    @app.get("/api/proposals", tags=["read"], summary="Proposals (plans, frameworks, drafts)")
    def list_proposals(limit: Limit = 100, offset: Offset = 0,
                       author: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
        items = [p.to_dict() for p in cache.get().proposals if not author or author in p.authors]
        return _page(items, limit, offset)

    @app.get("/api/positions", tags=["read"], summary="Positions (stances on issues and proposals)")
    def list_positions(limit: Limit = 100, offset: Offset = 0,
                       holder: Annotated[str | None, Query(max_length=200)] = None,
                       stance: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
        items = [p.to_dict() for p in cache.get().positions
                 if (not holder or holder in p.holders) and (not stance or p.stance == stance)]
        return _page(items, limit, offset)

    @app.get("/api/timeline", tags=["views"], summary="Dated events for a time axis")
    def get_timeline(flt: EventQuery) -> dict[str, Any]:
        rec = cache.get()
        return web.timeline(rec, web.filter_events(rec, flt))

    @app.get("/api/network", tags=["views"], summary="Actor network: actors as nodes, shared events as edges")
    def get_network(flt: EventQuery) -> dict[str, Any]:
        rec = cache.get()
        return web.network(rec, web.filter_events(rec, flt))

    @app.get("/api/map", tags=["views"], summary="Event locations (lat/lon)")
    def get_map(flt: EventQuery) -> dict[str, Any]:
        rec = cache.get()
        return web.map_points(rec, web.filter_events(rec, flt))

    @app.get("/api/export", tags=["read"], summary="The whole record in one export format",
             response_class=Response)
    def get_export(format: Annotated[str, Query(description=" | ".join(FORMATS))] = "json") -> Response:
        if format not in FORMATS:
            raise _bad(422, f"unknown format {format!r}; known: {', '.join(FORMATS)}")
        body = render(cache.get(), format)
        disposition = f'attachment; filename="parley-record.{SUFFIXES[format]}"'
        return Response(content=body, media_type=MEDIA_TYPES[format],
                        headers={"Content-Disposition": disposition})


def _check_token(expected: str | None, authorization: str | None, x_parley_token: str | None) -> None:
    if expected is None:
        raise _bad(403, "ingest is disabled: start the server with --token or $PARLEY_API_TOKEN")
    given = x_parley_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given:
        raise HTTPException(401, "missing token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise _bad(403, "wrong token")


def _ingest_route(app: FastAPI, store: Store, cache: RecordCache, token: str | None) -> None:
    @app.post("/api/articles", tags=["write"], status_code=201,
              summary="Ingest one article (needs the operator's token)")
    def post_article(body: ArticleIn,
                     authorization: Annotated[str | None, Header()] = None,
                     x_parley_token: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        _check_token(token, authorization, x_parley_token)
        result = ingest_article(store, body)
        cache.invalidate()
        return result


def _to_input(body: ArticleIn) -> ArticleInput | ItemError:
    from parley.ingest import html_to_article, iter_inputs, text_to_article

    meta = {"id": body.id, "title": body.title, "url": body.url,
            "published": body.published.isoformat() if body.published else None,
            "published_source": "given" if body.published else None}
    if body.text:
        return text_to_article(body.text, "api:text", meta)
    if body.html:
        return html_to_article(body.html, "api:html", meta)
    item = next(iter(iter_inputs([body.url or ""])), None)
    if item is None:
        return ItemError("E005", body.url or "", "nothing found at the URL")
    if isinstance(item, ArticleInput):
        item.id = body.id or item.id
        item.title = body.title or item.title
    return item


def ingest_article(store: Store, body: ArticleIn) -> dict[str, Any]:
    """Run one article through the pipeline and store it; coded input errors are 422."""
    from parley.pipeline import process, resolve_published, to_article

    item = _to_input(body)
    if isinstance(item, ItemError):
        raise _bad(422, item.message)
    art = resolve_published(item, dt.date.today(), body.published)
    if art.language not in (None, "en"):
        article = to_article(art)
        article.status, article.flag = "flagged", "E013"
        res = store.save(article, None)
        return {"article_id": res.article_id, "status": "flagged" if res.status != "duplicate" else res.status,
                "message": ItemError("E013", "api", f"language {art.language}").message}
    ((_, rec),) = list(process([art]))
    if isinstance(rec, ItemError):
        raise _bad(422, rec.message)
    res = store.save(rec.articles[0], rec)
    counts = {k: len(getattr(rec, k)) for k in ("actors", "events", "statements", "proposals", "positions", "timexes")}
    return {"article_id": res.article_id, "status": res.status, "counts": counts}


def _pages(app: FastAPI, cache: RecordCache, templates: Jinja2Templates) -> None:
    def page(request: Request, name: str, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"page": name.removesuffix(".html"), **ctx})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request) -> HTMLResponse:
        return page(request, "timeline.html")

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request) -> HTMLResponse:
        return page(request, "network.html")

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        return page(request, "map.html")

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request) -> HTMLResponse:
        rec = cache.get()
        return page(request, "articles.html", articles=sorted(rec.articles, key=lambda a: (a.published or "", a.id),
                                                               reverse=True))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        view = web.article_view(cache.get(), article_id)
        if view is None:
            return templates.TemplateResponse(request, "missing.html", {"page": "article", "what": article_id},
                                              status_code=404)
        return page(request, "article.html", view=view)
