"""The web app: ``create_app(settings)`` builds it; each test gets its own app and database."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unsc.core.errors import UnscError
from unsc.service.database import open_database
from unsc.service.live import AccessError, LiveHub, listen
from unsc.service.read_model import ReadModel
from unsc.sessions.machine import SessionError
from unsc.web import api, documents, documents_api, live, pages, power, sanctions, sanctions_pages
from unsc.web.alignment import router as alignment_router
from unsc.web.cache import ResponseCache
from unsc.web.lists import ListAnswers
from unsc.web.screens import UNSENT_LIMIT, KeepServerSend
from unsc.web.whatif import router as whatif_router


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None
    """``None``: ``UNSC_DATABASE_URL`` or the user's SQLite file."""
    cache: bool = True
    """Keep API answers in memory (the record changes only when it is rebuilt)."""
    unsent_limit: int = UNSENT_LIMIT
    """Bytes a live screen may have waiting to be sent before it is cut off."""
    public_url: str | None = None
    """The address phones reach the server at, for live sessions' links (``--public-url``)."""


BODY_EXAMPLES = {
    "/api/screen": ', such as {"name": "Ri Won Ho", "dob": "1964"}',
    "/api/decide": ', a ballot such as {"date": "2022-05-26", "others": "yes"}',
}
"""What a request's body should look like, per path."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = open_database(settings.database_url)
        app.state.database = database
        app.state.read_model = ReadModel(database)
        # Read before the first request, so that no request waits for it (about 0.3 s).
        await run_in_threadpool(app.state.read_model.load, 0)
        app.state.live = LiveHub(database)
        app.state.unsent_limit = settings.unsent_limit
        app.state.public_url = settings.public_url
        listener = None
        if app.state.live.is_postgresql:
            dsn = database.engine.url.set(drivername="postgresql").render_as_string(
                hide_password=False
            )
            listener = asyncio.create_task(listen(app.state.live, dsn))
        yield
        if listener is not None:
            listener.cancel()
        database.engine.dispose()

    app = FastAPI(
        title="unsc",
        summary="The UN Security Council's record and rules, as a JSON API.",
        description=(
            "Votes 1946-2026 decided again by the rules engine, vetoes counted per draft and "
            "per member, members and terms, the Council on any date, DPRK events; meetings, "
            "resolutions with their text, presidential statements, drafts, search. Every "
            'list of the record answers {"total", "items"} and takes `limit` and `offset`. '
            "Data: Sciences Po UNSC votes (CC BY 4.0), Dag Hammarskjöld Library and World "
            "Politics Data Lab veto lists, nk-missile-tests (Apache-2.0)."
        ),
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    # Swagger UI's files come from a package (fastapi-offline), not from a CDN.
    swagger = Path(str(resources.files("fastapi_offline").joinpath("static")))
    app.mount("/static/docs", StaticFiles(directory=swagger), name="docs-static")
    static = Path(str(resources.files("unsc.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="unsc API",
            swagger_js_url="/static/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/docs/swagger-ui.css",
            swagger_favicon_url="/static/docs/favicon.png",
        )

    app.include_router(api.router)
    app.include_router(documents_api.router)
    app.include_router(live.router)
    app.include_router(live.pages)
    app.include_router(sanctions.router)
    app.include_router(power.router)
    app.include_router(sanctions_pages.router)
    app.include_router(pages.router)
    app.include_router(documents.router)
    app.include_router(whatif_router)
    app.include_router(alignment_router)
    app.add_exception_handler(AccessError, live.access_error)  # type: ignore[arg-type]
    app.add_exception_handler(SessionError, live.session_error)  # type: ignore[arg-type]
    app.add_middleware(ListAnswers)  # inside the cache: a light path for two lists
    if settings.cache:
        app.add_middleware(ResponseCache)

    app.add_middleware(WorkerHeader)
    app.add_middleware(KeepServerSend)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        example = next(
            (text for path, text in BODY_EXAMPLES.items() if request.url.path.startswith(path)),
            "",
        )
        for error in exc.errors():
            loc = tuple(error.get("loc", ()))
            if error.get("type") == "json_invalid":
                problems.append(f"body: not valid JSON ({error.get('ctx', {}).get('error', '')})")
                continue
            if loc == ("body",):
                problems.append(f"body: expected a JSON object{example}")
                continue
            where = ".".join(str(p) for p in loc if p not in ("query", "body"))
            problems.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
        message = "; ".join(problems) + ". Fix the parameters and try again."
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, message)
        return JSONResponse(status_code=422, content={"error": message, "details": problems})

    @app.exception_handler(UnscError)
    async def bad_input(_: Request, exc: UnscError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"error": str(exc)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if request.url.path.startswith("/api/") or exc.status_code != 404:
            return JSONResponse(status_code=exc.status_code, content={"error": str(exc.detail)})
        return pages.not_found(request, str(exc.detail))  # type: ignore[return-value]

    return app


class WorkerHeader:
    """Names the worker process that answered (several workers on PostgreSQL). Pure ASGI:
    no per-request task, unlike an HTTP middleware function."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.header = (b"x-unsc-worker", str(os.getpid()).encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def named(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, named)


def create_app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` (several workers): settings from the environment."""
    return create_app(
        Settings(
            os.environ.get("UNSC_DATABASE_URL"),
            os.environ.get("UNSC_CACHE", "1") != "0",
            public_url=os.environ.get("UNSC_PUBLIC_URL") or None,
        )
    )
