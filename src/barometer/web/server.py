"""Run the web app (gunicorn) and its migrations."""

from __future__ import annotations

from typing import Any

from barometer.fieldwork import FieldworkError
from barometer.fieldwork.config import redact, setting


def migrate(verbosity: int = 1) -> list[str]:
    """Apply every pending migration; return the names of those applied."""
    from django.core.management import call_command

    pending = pending_migrations()
    call_command("migrate", interactive=False, verbosity=verbosity)
    return pending


def pending_migrations() -> list[str]:
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections["default"]
    try:
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]
    except Exception as exc:  # the database cannot be reached
        url = redact(setting("DATABASE_URL"))
        raise FieldworkError(f"cannot use the database {url}: {exc}") from None


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, **options: Any) -> None:
    """Serve the app with gunicorn until interrupted (refuses while migrations are pending)."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from barometer.web.wsgi import application

    pending = pending_migrations()
    connections.close_all()  # never share a connection with the forked workers
    if pending:
        raise FieldworkError(
            f"the database needs {len(pending)} migration(s): run 'barometer migrate' first"
        )

    class App(BaseApplication):
        def load_config(self) -> None:
            config = {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": workers,
                "accesslog": None,
                "graceful_timeout": 10,
                "control_socket_disable": True,
                **options,
            }
            for key, value in config.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    App().run()
