"""The two statements of a respondent's request, written out in SQL.

Every survey request looks its token up, and every page save writes the response. Through
the ORM these cost more than the rest of the request (building the SQL of a four-table join
takes longer than running it), so they are written here once, from the models' metadata,
and the rows are turned into model instances with Django's own converters.

On PostgreSQL both statements are prepared once per connection (server-side, see
``prepare_threshold`` in :func:`barometer.fieldwork.config.parse_database_url`), and a page
save is one statement: the compare-and-set ``UPDATE`` of the response and the ``INSERT`` of
its :class:`~barometer.web.models.PageSave` in one ``WITH``, committed on its own. On SQLite
the two run in one transaction. Either way a save is durable when the function returns.
(On PostgreSQL the two statements bypass Django's cursor wrapper, so they do not show in
``connection.queries``; errors are still Django's database errors.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from barometer.web.models import AccessToken, Organisation, PageSave, Response, Throttle, Wave

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class Found:
    """A valid token's organisation (with its wave) and response (None: none yet)."""

    organisation: Organisation
    response: Response | None
    failures: int  # failed look-ups from the client's address in the throttle window


def _q(name: str) -> str:
    return str(connection.ops.quote_name(name))


def _columns(model: type[Model], alias: str) -> str:
    return ", ".join(f"{alias}.{_q(f.column)}" for f in model._meta.concrete_fields)


def _lookup_sql() -> str:
    t, o, w, r, th = (
        _q(m._meta.db_table) for m in (AccessToken, Organisation, Wave, Response, Throttle)
    )
    return (
        f"SELECT {_columns(Organisation, 'o')}, {_columns(Wave, 'w')}, {_columns(Response, 'r')}, "
        f"COALESCE((SELECT SUM(th.{_q('count')}) FROM {th} th "
        f"WHERE th.{_q('key')} = %s AND th.{_q('window')} >= %s), 0) "
        f"FROM {t} t JOIN {o} o ON o.{_q('id')} = t.{_q('organisation_id')} "
        f"JOIN {w} w ON w.{_q('id')} = o.{_q('wave_id')} "
        f"LEFT JOIN {r} r ON r.{_q('organisation_id')} = o.{_q('id')} "
        f"WHERE t.{_q('token_hash')} = %s"
    )


def _update_sql() -> str:
    answers, status, page, updated, submitted, version, pk = (
        _q(name)
        for name in (
            "answers",
            "status",
            "current_page",
            "updated_at",
            "submitted_at",
            "version",
            "id",
        )
    )
    return (
        f"UPDATE {_q(Response._meta.db_table)} SET {answers} = %s, {status} = %s, {page} = %s, "
        f"{updated} = %s, {submitted} = COALESCE(%s, {submitted}), {version} = {version} + 1 "
        f"WHERE {pk} = %s AND {version} = %s"
    )


def _insert_into() -> str:
    names = ", ".join(_q(n) for n in ("response_id", "version", "page", "saved_at"))
    return f"INSERT INTO {_q(PageSave._meta.db_table)} ({names})"


def _insert_sql() -> str:
    return f"{_insert_into()} VALUES (%s, %s, %s, %s)"


def _save_sql_postgresql() -> str:
    return (
        f"WITH saved AS ({_update_sql()} RETURNING {_q('id')}, {_q('version')}) "
        f"{_insert_into()} SELECT {_q('id')}, {_q('version')}, %s, %s FROM saved"
    )


_SQL: dict[tuple[str, str], str] = {}
_CONVERTERS: dict[tuple[str, type[Model]], list[tuple[list[Converter], Any]]] = {}


def _sql(name: str, build: Callable[[], str]) -> str:
    key = (connection.vendor, name)
    if key not in _SQL:
        _SQL[key] = build()
    return _SQL[key]


def _converters(model: type[Model]) -> list[tuple[list[Converter], Any]]:
    """Per column: Django's converters from the database value to the field's value."""
    key = (connection.vendor, model)
    if key not in _CONVERTERS:
        out = []
        for f in model._meta.concrete_fields:
            col = f.get_col(model._meta.db_table)
            out.append(
                (connection.ops.get_db_converters(col) + col.get_db_converters(connection), col)
            )
        _CONVERTERS[key] = out
    return _CONVERTERS[key]


def _instance(model: type[Model], values: Sequence[Any]) -> Any:
    converted = []
    for value, (funcs, col) in zip(values, _converters(model), strict=True):
        for func in funcs:
            value = func(value, col, connection)
        converted.append(value)
    names = [f.attname for f in model._meta.concrete_fields]
    return model.from_db(connection.alias, names, converted)


def _execute(sql: str, params: Sequence[Any], fetch: bool = False) -> tuple[list[Any], int]:
    """Run one statement; on PostgreSQL as a prepared statement. (rows, rowcount)."""
    with connection.cursor() as cursor:  # health check, connection, Django's error mapping
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return (cursor.fetchall() if fetch else []), cursor.rowcount
        import psycopg

        raw = psycopg.Cursor(cursor.cursor.connection)  # binds server-side: can be prepared
        with connection.wrap_database_errors, raw:
            raw.execute(sql, params, prepare=True)
            return (raw.fetchall() if fetch else []), raw.rowcount


def _prep(model: type[Model], name: str, value: Any) -> Any:
    return model._meta.get_field(name).get_db_prep_save(value, connection)


def find(token_hash: str, client: str, since_window: int) -> Found | None:
    """The organisation of ``token_hash`` with its wave and response, and the failures
    counted against ``client`` since ``since_window``: one round trip."""
    rows, _ = _execute(_sql("lookup", _lookup_sql), [client, since_window, token_hash], True)
    if not rows:
        return None
    row = rows[0]
    n_org = len(Organisation._meta.concrete_fields)
    n_wave = len(Wave._meta.concrete_fields)
    org = _instance(Organisation, row[:n_org])
    org.wave = _instance(Wave, row[n_org : n_org + n_wave])
    response_values = row[n_org + n_wave : -1]
    response = None
    if response_values[0] is not None:
        response = _instance(Response, response_values)
        response.organisation = org  # also caches org.response
    return Found(org, response, int(row[-1] or 0))


def save(
    response: Response,
    *,
    answers: dict[str, Any],
    status: str,
    current_page: str,
    page: str,
    now: datetime,
    submitted_at: datetime | None = None,
) -> bool:
    """Store a page if ``response`` is still at the version it was read with (compare and
    set); log the save. False when another save came first: nothing was written.

    On success ``response`` holds what was stored (its version raised by one).
    """
    values = [
        _prep(Response, "answers", answers),
        status,
        current_page,
        _prep(Response, "updated_at", now),
        _prep(Response, "submitted_at", submitted_at),
        response.pk,
        response.version,
    ]
    saved_at = _prep(PageSave, "saved_at", now)
    if connection.vendor == "postgresql":
        _, count = _execute(_sql("save", _save_sql_postgresql), [*values, page, saved_at])
        stored = count == 1
    else:
        with transaction.atomic():
            _, count = _execute(_sql("update", _update_sql), values)
            stored = count == 1
            if stored:
                _execute(
                    _sql("insert", _insert_sql), [response.pk, response.version + 1, page, saved_at]
                )
    if stored:
        response.answers, response.status, response.current_page = answers, status, current_page
        response.updated_at = now
        response.submitted_at = submitted_at or response.submitted_at
        response.version += 1
    return stored
