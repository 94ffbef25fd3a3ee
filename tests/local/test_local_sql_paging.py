"""Lists filter, sort, count and page in SQL with exactly the results of the former Python
implementation, which is kept here as the oracle.

A seeded random data set, shaped like every listable collection plus fields of every JSON type
(nested keys, lists of lists, objects, dates in both formats and not quite dates, big numbers,
absent fields, keys SQLite paths cannot spell), is queried with random filters, sort keys,
orders and skip/limit edge cases; every answer must equal the oracle's, row for row.
"""

from __future__ import annotations

import json
import math
import operator
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from scaleout.local.filters import (
    DATETIME_FIELDS,
    ONE_OF,
    SEQ_KEY,
    TS_KEY,
    AnyOf,
    Clause,
    Condition,
    lookup,
    parse_conditions,
)
from scaleout.local.store import DocumentStore
from scaleout.local.timefmt import http_date, parse_timestamp, rfc3339

pytestmark = [pytest.mark.local, pytest.mark.timeout(300)]

# -- the oracle: the Python implementation lists used before they moved to SQL -----------------

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def matches(doc: dict[str, Any], condition: Condition) -> bool:
    field_value = lookup(doc, condition.field)
    is_datetime = condition.field.rsplit(".", 1)[-1] in DATETIME_FIELDS
    if condition.op == "eq":
        return any(_compare(field_value, "eq", raw, is_datetime) for raw in condition.values)
    return all(_compare(field_value, condition.op, raw, is_datetime) for raw in condition.values)


def filter_documents(
    docs: Iterable[dict[str, Any]], conditions: Sequence[Condition]
) -> list[dict[str, Any]]:
    return [doc for doc in docs if all(matches(doc, c) for c in conditions)]


def _compare(field_value: Any, op: str, raw: Any, is_datetime: bool) -> bool:
    if raw is None or raw == "null":
        if op == "eq":
            return field_value is None
        if op == "ne":
            return field_value is not None
        return False
    if isinstance(field_value, list):
        hits = any(
            _compare(item, "eq" if op == "ne" else op, raw, is_datetime) for item in field_value
        )
        return not hits if op == "ne" else hits
    pair = _coerce(field_value, raw, is_datetime)
    if pair is None:
        return op == "ne"
    left, right = pair
    try:
        return _OPERATORS[op](left, right)
    except TypeError:
        return op == "ne"


def _coerce(field_value: Any, raw: Any, is_datetime: bool) -> tuple[Any, Any] | None:
    if field_value is None or isinstance(field_value, dict):
        return None
    if isinstance(field_value, bool):
        wanted = _as_bool(raw)
        return None if wanted is None else (field_value, wanted)
    if isinstance(field_value, int | float):
        number = _as_number(raw)
        return None if number is None else (field_value, number)
    if isinstance(field_value, str):
        text = raw if isinstance(raw, str) else json.dumps(raw)
        if is_datetime:
            left, right = parse_timestamp(field_value), parse_timestamp(text)
            if left is None or right is None:
                return None
            return left, right
        return field_value, text
    return None


def _as_bool(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        lowered = raw.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
    return None


def _as_number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        try:
            number = float(raw)
        except ValueError:
            return None
        return None if math.isnan(number) else number
    return None


def _sort_value(doc: dict[str, Any], key: str) -> tuple[int, Any]:
    if key == "committed_at":
        return 2, doc.get(TS_KEY, 0.0)
    value = lookup(doc, key)
    if value is None:
        return 0, 0
    if isinstance(value, bool):
        return 1, int(value)
    if isinstance(value, int | float):
        return 2, float(value)
    if isinstance(value, str):
        if key.rsplit(".", 1)[-1] in DATETIME_FIELDS:
            stamp = parse_timestamp(value)
            if stamp is not None:
                return 2, stamp
        return 3, value
    return 4, json.dumps(value, sort_keys=True, default=str)


def sort_documents(
    docs: list[dict[str, Any]], key: str | None, *, ascending: bool
) -> list[dict[str, Any]]:
    """Sort on ``key`` with the insertion time as the secondary key, in the same direction."""
    primary = key or "committed_at"
    return sorted(
        docs,
        key=lambda d: (_sort_value(d, primary), d.get(TS_KEY, 0.0), d.get(SEQ_KEY, 0)),
        reverse=not ascending,
    )


def oracle_query(
    docs: list[dict[str, Any]],
    conditions: Sequence[Condition],
    *,
    sort_key: str | None,
    ascending: bool,
    skip: int,
    limit: int,
    where: Callable[[dict[str, Any]], bool] | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    if where is not None:
        docs = [d for d in docs if where(d)]
    matched = filter_documents(docs, conditions)
    ordered = sort_documents(matched, sort_key, ascending=ascending)
    page = ordered[skip:]
    if limit > 0:
        page = page[:limit]
    return len(matched), page


# -- the data set ------------------------------------------------------------------------------

SEED = 20260304
COLLECTIONS = (
    "attributes",
    "clients",
    "combiners",
    "commands",
    "metrics",
    "models",
    "packages",
    "predictions",
    "rounds",
    "sessions",
    "statuses",
    "validations",
)
NAMES = ("client-1", "client-2", "combiner-0", "Ünïcode-ñ", "日本", "", "client-10")
WORDS = ("INFO", "WARNING", "online", "offline", "true", "false", "1", "0", "12", "12.0", "abc")
BIG = 2**53 + 1
# Keys a SQLite JSON path cannot quote, or that need quoting.
ODD_KEYS = ('we"ird', "it's", "", "with space", "ä")


def _date_text(rng: random.Random, base: float) -> Any:
    moment = base + rng.uniform(-86_400, 86_400)
    return rng.choice(
        [
            http_date(moment),
            rfc3339(moment),
            rfc3339(moment).replace("Z", "+02:00"),
            "2026-03-04",
            "not a date",
            "",
            int(moment),
            None,
        ]
    )


def _scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            False,
            0,
            1,
            12,
            -3,
            BIG,
            2.5,
            12.0,
            -0.0,
            1e300,
            rng.choice(WORDS),
            rng.choice(NAMES),
            rng.randint(-50, 50),
            round(rng.uniform(-50, 50), 3),
        ]
    )


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 2 and roll < 0.12:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.2:
        return {rng.choice(("k", "b", "a")): _value(rng, depth + 1) for _ in range(2)}
    return _scalar(rng)


def _document(rng: random.Random, collection: str, index: int, base: float) -> dict[str, Any]:
    sender = {
        "name": rng.choice(NAMES),
        "role": rng.choice(("CLIENT", "COMBINER", None)),
        "client_id": rng.choice((f"c{index % 4}", None, 7)),
    }
    if rng.random() < 0.2:
        sender["combiner_id"] = rng.choice(("comb-1", f"c{index % 4}"))
    doc: dict[str, Any] = {
        "name": rng.choice(NAMES),
        "status": rng.choice(WORDS),
        "session_id": rng.choice(("s1", "s2", None)),
        "sender": sender if rng.random() < 0.9 else None,
        "parent_correlation_id": rng.choice((None, None, "root-1")),
        "round_config": {"session_id": rng.choice(("s1", "s2")), "rounds": rng.randint(1, 5)},
        "port": rng.choice((12080, 12081, "12080", None)),
        "active": rng.choice((True, False, None, "true", 1)),
        "step": rng.randint(0, 30),
        "value": _value(rng),
        "tags": [_value(rng) for _ in range(rng.randint(0, 3))],
        "nested": {"deep": {"x": _value(rng)}, "updated_at": _date_text(rng, base)},
        "updated_at": _date_text(rng, base),
        "last_seen": _date_text(rng, base),
        "timestamp": rfc3339(base + index),
        "index": index,
        "collection": collection,
    }
    for key in ODD_KEYS:
        if rng.random() < 0.3:
            doc[key] = _scalar(rng)
    # Absent fields are not null fields.
    for key in ("value", "port", "session_id", "updated_at"):
        if rng.random() < 0.15:
            doc.pop(key, None)
    return doc


FIELDS = (
    "name",
    "status",
    "session_id",
    "sender",
    "sender.name",
    "sender.role",
    "sender.client_id",
    "sender.combiner_id",
    "parent_correlation_id",
    "round_config.session_id",
    "round_config.rounds",
    "port",
    "active",
    "step",
    "value",
    "value.k",
    "tags",
    "nested.deep.x",
    "nested.updated_at",
    "nested.deep",
    "updated_at",
    "last_seen",
    "committed_at",
    "timestamp",
    "index",
    "no.such.field",
    "sender.name.more",
    TS_KEY,
    SEQ_KEY,
    f"{TS_KEY}.x",
    *ODD_KEYS,
)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DocumentStore, float]]:
    rng = random.Random(SEED)
    path: Path = tmp_path_factory.mktemp("paging") / "store.sqlite3"
    store = DocumentStore(path)
    base = 1_772_640_000.0
    for collection in COLLECTIONS:
        index = 0
        while index < 90:
            # Batches share one commit time: the order among them is the insertion order.
            size = rng.choice((1, 1, 2, 5))
            batch = [
                (f"{collection}-{index + i}", _document(rng, collection, index + i, base))
                for i in range(size)
            ]
            store.insert_many(collection, batch)
            index += size
        for doc_id in rng.sample(range(index), 5):
            store.update(collection, f"{collection}-{doc_id}", {"status": rng.choice(WORDS)})
    try:
        yield store, base
    finally:
        store.close()


def _raw_values(rng: random.Random, docs: list[dict[str, Any]], field: str) -> list[Any]:
    """Query values for ``field``: ones that occur in the data, as a query string or a JSON
    body would carry them, and ones that do not."""
    seen = [lookup(d, field) for d in docs]
    candidates: list[Any] = ["null", "true", "false", "1", "0", "12", "12.0", "abc", "nan"]
    candidates += ["inf", " 12 ", "1_2", "2026-03-04", "Wed, 04 Mar 2026 16:43:40 GMT"]
    for value in rng.sample(seen, min(6, len(seen))):
        if isinstance(value, list) and value:
            value = rng.choice(value)
        if isinstance(value, str):
            candidates.append(value)
        elif isinstance(value, float) and field in (TS_KEY, "committed_at"):
            candidates.append(http_date(value + rng.choice((-1, 0, 1))))
            candidates.append(str(value))
        elif value is not None:
            candidates.append(json.dumps(value))
            candidates.append(str(value))
    for doc in rng.sample(docs, 2):
        candidates.append(http_date(doc[TS_KEY]))
        candidates.append(rfc3339(doc[TS_KEY] + rng.uniform(-2, 2)))
    # A JSON body (POST /attributes/list) carries typed values.
    candidates += [None, True, False, 12, 12.5, BIG, ["x"], {"a": 1}]
    return candidates


def _random_conditions(
    rng: random.Random, docs: list[dict[str, Any]]
) -> tuple[list[Condition], list[tuple[str, Any]]]:
    params: list[tuple[str, Any]] = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
        field = rng.choice(FIELDS)
        op = rng.choice(("", "", "__eq", "__ne", "__gt", "__gte", "__lt", "__lte"))
        raw = rng.choice(_raw_values(rng, docs, field))
        if rng.random() < 0.1 and isinstance(raw, str):
            raw = f"{raw},{rng.choice(_raw_values(rng, docs, field))}"
        params.append((field + op, raw))
    return parse_conditions(params, split_commas=rng.random() < 0.5), params


def _seqs(docs: Iterable[dict[str, Any]]) -> list[int]:
    return [d[SEQ_KEY] for d in docs]


def _paging(rng: random.Random, total: int) -> tuple[int, int]:
    skip = rng.choice((0, 0, 1, total - 1, total, total + 3, -1, -5, rng.randint(0, total + 1)))
    limit = rng.choice((0, 0, 1, 2, 7, total, total + 1, -1, rng.randint(0, total + 1)))
    return skip, limit


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_random_queries_match_the_former_python_lists(
    filled: tuple[DocumentStore, float], collection: str
) -> None:
    store, _ = filled
    docs = store.all(collection)
    rng = random.Random(f"{SEED}-{collection}")
    for attempt in range(250):
        conditions, params = _random_conditions(rng, docs)
        sort_key = rng.choice((None, None, "committed_at", *FIELDS))
        ascending = rng.random() < 0.5
        skip, limit = _paging(rng, len(docs))
        expected_count, expected = oracle_query(
            docs, conditions, sort_key=sort_key, ascending=ascending, skip=skip, limit=limit
        )
        count, page = store.query(
            collection, conditions, sort_key=sort_key, ascending=ascending, skip=skip, limit=limit
        )
        context = f"#{attempt} {params} sort={sort_key} asc={ascending} skip={skip} limit={limit}"
        assert count == expected_count, context
        assert _seqs(page) == _seqs(expected), context
        assert store.count(collection, conditions) == expected_count, context
        assert page == expected, context


@pytest.mark.parametrize("key", [None, "committed_at", *FIELDS])
@pytest.mark.parametrize("ascending", [True, False])
def test_every_sort_key_orders_the_whole_collection_as_before(
    filled: tuple[DocumentStore, float], key: str | None, ascending: bool
) -> None:
    store, _ = filled
    for collection in ("statuses", "models"):
        docs = store.all(collection)
        _, expected = oracle_query(docs, [], sort_key=key, ascending=ascending, skip=0, limit=0)
        _, page = store.query(collection, sort_key=key, ascending=ascending)
        assert _seqs(page) == _seqs(expected)


def test_walking_page_by_page_returns_the_whole_order_once(
    filled: tuple[DocumentStore, float],
) -> None:
    store, _ = filled
    conditions = parse_conditions([("session_id", "s1")])
    for key in (None, "sender.name", "updated_at", "value"):
        _, everything = store.query("statuses", conditions, sort_key=key, ascending=True)
        walked: list[dict[str, Any]] = []
        for skip in range(0, len(everything) + 7, 7):
            _, page = store.query(
                "statuses", conditions, sort_key=key, ascending=True, skip=skip, limit=7
            )
            walked.extend(page)
        assert _seqs(walked) == _seqs(everything)


def test_root_commands_and_senders_match_the_former_predicates(
    filled: tuple[DocumentStore, float],
) -> None:
    store, _ = filled
    root = Condition("parent_correlation_id", "eq", (None,))
    for collection in ("commands", "attributes"):
        docs = store.all(collection)
        _, expected = oracle_query(
            docs,
            [],
            sort_key=None,
            ascending=False,
            skip=0,
            limit=0,
            where=lambda doc: doc.get("parent_correlation_id") is None,
        )
        assert _seqs(store.query(collection, [root])[1]) == _seqs(expected)
        for nodes in ({"c1"}, {"c2", "comb-1"}, {"7"}, set()):

            def sent_by(doc: dict[str, Any], nodes: set[str] = nodes) -> bool:
                # The former check (the data set holds no unhashable sender ids).
                return (
                    lookup(doc, "sender.client_id") in nodes
                    or lookup(doc, "sender.combiner_id") in nodes
                )

            wanted = tuple(sorted(nodes))
            either: Clause = AnyOf(
                (
                    Condition("sender.client_id", ONE_OF, wanted),
                    Condition("sender.combiner_id", ONE_OF, wanted),
                )
            )
            conditions = parse_conditions([("status", "online")])
            _, expected = oracle_query(
                docs, conditions, sort_key="name", ascending=True, skip=1, limit=5, where=sent_by
            )
            _, page = store.query(
                collection, [*conditions, either], sort_key="name", ascending=True, skip=1, limit=5
            )
            assert _seqs(page) == _seqs(expected)


def test_values_of_a_field_are_what_lookup_finds(filled: tuple[DocumentStore, float]) -> None:
    store, _ = filled
    for collection in ("statuses", "rounds"):
        docs = store.all(collection)
        for field in FIELDS:
            assert store.values(collection, field) == [lookup(d, field) for d in docs], field


def test_find_one_is_the_newest_or_the_oldest(filled: tuple[DocumentStore, float]) -> None:
    store, _ = filled
    docs = store.all("models")
    conditions = [Condition("session_id", "eq", ("s2",))]
    matching = filter_documents(docs, conditions)
    newest = store.find_one("models", conditions, newest=True)
    oldest = store.find_one("models", conditions, newest=False)
    assert newest is not None and oldest is not None
    assert newest[SEQ_KEY] == max(_seqs(matching))
    assert oldest[SEQ_KEY] == min(_seqs(matching))
    assert store.find_one("models", [Condition("name", "eq", ("nobody",))]) is None


def test_filter_unit_semantics(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "unit.sqlite3")
    try:
        store.insert_many(
            "things",
            [
                ("1", {"a": 1, "b": True, "c": None, "tags": ["x", "y"], "n": {"m": "q"}}),
                ("2", {"a": 2.5, "b": False, "c": "set", "tags": [], "n": {"m": "r"}}),
            ],
        )

        def run(params: list[tuple[str, object]], *, split: bool = False) -> int:
            return store.count("things", parse_conditions(params, split_commas=split))

        assert run([("a", "1")]) == 1
        assert run([("a__gte", "1")]) == 2
        assert run([("a__lt", "abc")]) == 0
        assert run([("b", "true")]) == 1
        assert run([("c", "null")]) == 1
        assert run([("c__ne", "null")]) == 1
        assert run([("tags", "x")]) == 1
        assert run([("tags__ne", "x")]) == 1
        assert run([("n.m", "q,r")], split=True) == 2
        assert run([("n.m", "q,r")]) == 0
        assert run([("missing", "null")]) == 2
        assert Condition("x__y", "eq", ("1",)) == parse_conditions([("x__y", "1")])[0]
    finally:
        store.close()


def test_the_default_order_is_read_from_an_index(filled: tuple[DocumentStore, float]) -> None:
    store, _ = filled
    for ascending in (True, False):
        plan = store.explain("statuses", [], ascending=ascending)
        assert any("USING INDEX documents_by_time" in line for line in plan), plan
        assert not any("TEMP B-TREE" in line for line in plan), plan


@pytest.mark.parametrize("ascending", [True, False])
def test_a_walk_resumed_from_its_last_row_sees_writes_between_pages(
    tmp_path: Path, ascending: bool
) -> None:
    rng = random.Random(f"{SEED}-walk-{ascending}")
    store = DocumentStore(tmp_path / "walk.sqlite3")
    try:
        base = 1_772_640_000.0
        for start in range(0, 60, 6):
            store.insert_many(
                "statuses",
                [(f"s{i}", _document(rng, "statuses", i, base)) for i in range(start, start + 6)],
            )
        added = 60
        for params in ([], [("session_id", "s1")], [("status__ne", "online")]):
            conditions = parse_conditions(params)
            skip = 0
            while True:
                count, page = store.query(
                    "statuses", conditions, ascending=ascending, skip=skip, limit=4
                )
                docs = store.all("statuses")
                expected_count, expected = oracle_query(
                    docs, conditions, sort_key=None, ascending=ascending, skip=skip, limit=4
                )
                assert (count, _seqs(page)) == (expected_count, _seqs(expected)), (params, skip)
                if not page:
                    break
                skip += len(page)
                # Writes between pages change what the next page is: it must not come from
                # where the walk stopped before them.
                roll = rng.random()
                if roll < 0.3:
                    store.insert("statuses", f"s{added}", _document(rng, "statuses", added, base))
                    added += 1
                elif roll < 0.5:
                    victim = rng.choice(docs)
                    changes = {"session_id": rng.choice(("s1", "s2"))}
                    store.update("statuses", f"s{victim['index']}", changes)
    finally:
        store.close()
