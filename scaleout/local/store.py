"""A small JSON document store on SQLite.

One table holds every entity as a JSON document, keyed by (collection, id) and indexed on the
commit time. SQLite runs in WAL mode so readers never block the writer; all writes go through
one connection under one lock, which serialises read-modify-write updates (no lost writes when
many requests add or change documents at once). Each reading thread has its own connection.
Writes that must be seen together or not at all (a round's model, its validations and the
round's outcome) share one transaction: :meth:`DocumentStore.batch`.

Lists filter, sort, count and page in SQL (see ``filters``): no list loads a collection into
Python. The default order (commit time, then insertion) is read from an index. A filter or
another sort key is evaluated by SQLite on the JSON of each document of the collection.

Clients walk a collection page by page with growing skips, and a skip costs as many rows as
it skips. So the store remembers, until the next write, where recent walks in the default
order stopped and how many documents recent filters counted: the next page of a walk then
starts from the last row it returned, and walking a collection costs about the collection,
not its square, with or without a filter.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import filters
from .filters import SEQ_KEY, TS_KEY, Clause
from .timefmt import http_date

__all__ = ["DocumentStore", "Page", "WriteBatch"]

Page = tuple[int, list[dict[str, Any]]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    committed_at REAL NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (collection, id)
);
CREATE INDEX IF NOT EXISTS documents_by_time ON documents (collection, committed_at);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class DocumentStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        # Even while the documents are as they were, odd while a write is under way; what
        # _Memo holds is only good for the generation it was read at.
        self._generation = 0
        self._memo = _Memo()
        self._writer = self._connect()
        with self._write_lock:
            self._writer.execute("PRAGMA journal_mode=WAL")
            self._writer.executescript(_SCHEMA)
            self._writer.commit()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, timeout=30.0, check_same_thread=False)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        for name, arity, function in _FUNCTIONS:
            conn.create_function(name, arity, function, deterministic=True)
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("store is closed")
            conn = self._connect()
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        self._closed = True
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for conn in readers:
            conn.close()
        with self._write_lock:
            self._writer.close()

    # -- writes -----------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[WriteBatch]:
        """Writes that are committed together when the block ends, or not at all."""
        with self._write_lock:
            batch = WriteBatch(self._writer)
            self._generation += 1
            try:
                yield batch
                self._writer.commit()
            except BaseException:
                self._writer.rollback()
                raise
            finally:
                self._generation += 1
        batch.committed()

    def insert(self, collection: str, doc_id: str, doc: dict[str, Any]) -> dict[str, Any]:
        return self.insert_many(collection, [(doc_id, doc)])[0]

    def insert_many(
        self, collection: str, items: Sequence[tuple[str, dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Insert new documents, stamping ``committed_at``/``updated_at``; ids must be new."""
        with self.batch() as batch:
            return batch.insert_many(collection, items)

    def update(
        self,
        collection: str,
        doc_id: str,
        changes: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]],
    ) -> dict[str, Any] | None:
        """Merge top-level ``changes`` (or apply a function) atomically; None if absent."""
        with self.batch() as batch:
            return batch.update(collection, doc_id, changes)

    def update_where(
        self,
        collection: str,
        predicate: Callable[[dict[str, Any]], bool],
        changes: dict[str, Any],
    ) -> int:
        """Merge ``changes`` into every document matching ``predicate``, atomically."""
        now_text = http_date(time.time())
        with self._write_lock:
            rows = self._writer.execute(
                "SELECT id, doc FROM documents WHERE collection=?", (collection,)
            ).fetchall()
            updates = []
            for doc_id, text in rows:
                doc = json.loads(text)
                if predicate(doc):
                    doc.update(changes)
                    doc["updated_at"] = now_text
                    updates.append((_dumps(doc), collection, doc_id))
            self._generation += 1
            try:
                self._writer.executemany(
                    "UPDATE documents SET doc=? WHERE collection=? AND id=?", updates
                )
                self._writer.commit()
            except BaseException:
                self._writer.rollback()
                raise
            finally:
                self._generation += 1
        return len(updates)

    def set_setting(self, key: str, value: Any) -> None:
        with self._write_lock:
            self._writer.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, _dumps(value)),
            )
            self._writer.commit()

    # -- reads ------------------------------------------------------------------------------

    def get_setting(self, key: str) -> Any:
        row = self._reader().execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        row = (
            self._reader()
            .execute(
                "SELECT seq, committed_at, doc FROM documents WHERE collection=? AND id=?",
                (collection, doc_id),
            )
            .fetchone()
        )
        return None if row is None else _loaded(row)

    def all(self, collection: str) -> list[dict[str, Any]]:
        """Every document of a collection, oldest first."""
        rows = (
            self._reader()
            .execute(
                "SELECT seq, committed_at, doc FROM documents WHERE collection=? "
                "ORDER BY committed_at, seq",
                (collection,),
            )
            .fetchall()
        )
        return [_loaded(row) for row in rows]

    def values(self, collection: str, field: str) -> list[Any]:
        """``lookup(doc, field)`` of every document of a collection, oldest first, without
        decoding the documents in Python."""
        params = filters.Params()
        target = filters.field_sql(field, params)
        params.values["collection"] = collection
        rows = (
            self._reader()
            .execute(
                f"SELECT {target.type}, {target.value} FROM documents "
                "WHERE documents.collection = :collection "
                "ORDER BY documents.committed_at, documents.seq",
                params.values,
            )
            .fetchall()
        )
        return [_json_value(kind, value) for kind, value in rows]

    def count_all(self, collection: str) -> int:
        row = (
            self._reader()
            .execute("SELECT COUNT(*) FROM documents WHERE collection=?", (collection,))
            .fetchone()
        )
        return int(row[0])

    def query(
        self,
        collection: str,
        clauses: Sequence[Clause] = (),
        *,
        sort_key: str | None = None,
        ascending: bool = False,
        skip: int = 0,
        limit: int = 0,
    ) -> Page:
        """``(count, page)``: ``count`` is every match, ``page`` honours skip and limit."""
        count = self.count(collection, clauses)
        if skip < 0:
            # As a Python slice [skip:] would: the last -skip matches.
            skip = max(0, count + skip)
        return count, self.page(
            collection, clauses, sort_key=sort_key, ascending=ascending, skip=skip, limit=limit
        )

    def page(
        self,
        collection: str,
        clauses: Sequence[Clause] = (),
        *,
        sort_key: str | None = None,
        ascending: bool = False,
        skip: int = 0,
        limit: int = 0,
    ) -> list[dict[str, Any]]:
        """The matches from ``skip`` on (at most ``limit`` of them unless it is 0)."""
        statement, params = self._page_sql(collection, clauses, sort_key, ascending, skip, limit)
        walk: tuple[Any, ...] | None = None
        if sort_key in (None, "committed_at"):
            walk = ("walk", statement, _frozen(params, "skip", "limit"))
        generation = self._generation
        rows: list[tuple[int, float, str]] | None = None
        stop = self._memo.get(walk, generation) if walk is not None and skip > 0 else None
        if stop is not None and stop[0] == skip:
            # The next page of a walk: from the row after the last one it returned.
            resumed, _ = self._page_sql(
                collection, clauses, sort_key, ascending, 0, limit, after=True
            )
            found = (
                self._reader()
                .execute(resumed, {**params, "at": stop[1], "seq": stop[2], "skip": 0})
                .fetchall()
            )
            if self._generation == generation:
                rows = found
        if rows is None:
            rows = self._reader().execute(statement, params).fetchall()
        if walk is not None and rows and generation % 2 == 0 and self._generation == generation:
            last_seq, last_at, _ = rows[-1]
            self._memo.put(walk, generation, (skip + len(rows), last_at, last_seq))
        return [_loaded(row) for row in rows]

    @staticmethod
    def _page_sql(
        collection: str,
        clauses: Sequence[Clause],
        sort_key: str | None,
        ascending: bool,
        skip: int,
        limit: int,
        *,
        after: bool = False,
    ) -> tuple[str, dict[str, Any]]:
        """The statement of a page; with ``after``, of the rows that follow the row whose
        commit time and seq are the parameters ``at`` and ``seq`` (in the default order)."""
        params = filters.Params()
        where = filters.where_sql(clauses, params)
        order = filters.order_sql(sort_key, ascending=ascending, params=params)
        params.values.update(collection=collection, limit=limit if limit > 0 else -1, skip=skip)
        if after:
            # The first comparison alone lets SQLite start from the row in the index.
            near, past = (">=", ">") if ascending else ("<=", "<")
            where += (
                f" AND documents.committed_at {near} :at AND (documents.committed_at {past} :at"
                f" OR documents.seq {past} :seq)"
            )
        statement = (
            "SELECT documents.seq, documents.committed_at, documents.doc FROM documents "
            f"WHERE documents.collection = :collection AND {where} "
            f"ORDER BY {order} LIMIT :limit OFFSET :skip"
        )
        return statement, params.values

    def count(self, collection: str, clauses: Sequence[Clause] = ()) -> int:
        params = filters.Params()
        where = filters.where_sql(clauses, params)
        params.values["collection"] = collection
        statement = (
            f"SELECT COUNT(*) FROM documents WHERE documents.collection = :collection AND {where}"
        )
        key = ("count", statement, _frozen(params.values))
        generation = self._generation
        known = self._memo.get(key, generation)
        if known is not None:
            return int(known)
        count = int(self._reader().execute(statement, params.values).fetchone()[0])
        if generation % 2 == 0 and self._generation == generation:
            self._memo.put(key, generation, count)
        return count

    def explain(
        self,
        collection: str,
        clauses: Sequence[Clause] = (),
        *,
        sort_key: str | None = None,
        ascending: bool = False,
    ) -> list[str]:
        """SQLite's plan for a page of a query (for tests of the indexes)."""
        statement, params = self._page_sql(collection, clauses, sort_key, ascending, 0, 10)
        rows = self._reader().execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
        return [str(row[-1]) for row in rows]

    def find_one(
        self, collection: str, clauses: Sequence[Clause] = (), *, newest: bool = True
    ) -> dict[str, Any] | None:
        page = self.page(collection, clauses, ascending=not newest, limit=1)
        return page[0] if page else None


class _Memo:
    """A few answers of recent reads, each good for the generation of the store it was read at
    (see ``DocumentStore._generation``)."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], tuple[int, Any]] = OrderedDict()

    def get(self, key: tuple[Any, ...] | None, generation: int) -> Any:
        if key is None or generation % 2:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != generation:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: tuple[Any, ...], generation: int, value: Any) -> None:
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


def _frozen(params: dict[str, Any], *leave_out: str) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in params.items() if k not in leave_out))


class WriteBatch:
    """The writes of one transaction (see :meth:`DocumentStore.batch`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._inserted: list[tuple[dict[str, Any], float]] = []

    def insert(self, collection: str, doc_id: str, doc: dict[str, Any]) -> dict[str, Any]:
        return self.insert_many(collection, [(doc_id, doc)])[0]

    def insert_many(
        self, collection: str, items: Sequence[tuple[str, dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        now = time.time()
        stored: list[dict[str, Any]] = []
        rows: list[tuple[str, str, float, str]] = []
        for doc_id, doc in items:
            full = _persistable(doc)
            full.setdefault("committed_at", http_date(now))
            full.setdefault("updated_at", full["committed_at"])
            stored.append(full)
            rows.append((collection, doc_id, now, _dumps(full)))
        self._conn.executemany(
            "INSERT INTO documents (collection, id, committed_at, doc) VALUES (?,?,?,?)", rows
        )
        self._inserted.extend((full, now) for full in stored)
        return stored

    def update(
        self,
        collection: str,
        doc_id: str,
        changes: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]],
    ) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT doc FROM documents WHERE collection=? AND id=?", (collection, doc_id)
        ).fetchone()
        if row is None:
            return None
        doc: dict[str, Any] = json.loads(row[0])
        doc = _persistable(changes(doc) if callable(changes) else {**doc, **changes})
        doc["updated_at"] = http_date(time.time())
        self._conn.execute(
            "UPDATE documents SET doc=? WHERE collection=? AND id=?",
            (_dumps(doc), collection, doc_id),
        )
        return doc

    def committed(self) -> None:
        # Inserted documents carry their commit time, as loaded ones do, once it is true.
        for full, now in self._inserted:
            full[TS_KEY] = now


_FUNCTIONS: tuple[tuple[str, int, Callable[..., Any]], ...] = (
    ("ts", 1, filters.sql_timestamp),
    ("pick_json", 2, filters.pick_json),
    ("canonical_json", 1, filters.canonical_json),
)


def _json_value(kind: str | None, value: Any) -> Any:
    if kind == "true" or kind == "false":
        return kind == "true"
    if kind == "array" or kind == "object":
        return json.loads(value)
    return value


def _loaded(row: tuple[int, float, str]) -> dict[str, Any]:
    seq, committed, text = row
    doc: dict[str, Any] = json.loads(text)
    doc[SEQ_KEY] = seq
    doc[TS_KEY] = committed
    return doc


def _persistable(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in (TS_KEY, SEQ_KEY)}


# One encoder for every document: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)
