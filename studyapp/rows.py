"""Reads on the hottest paths: one join written as SQL once per process, rows turned into model instances.

A select_related + only queryset costs its Python every time it is built and compiled: about 0.8 ms
for a mock exam save and 4 ms for a practice answer's locked read, against a whole bare request of
3 ms (bench/answers.py). A `Join` names its tables, columns and filter once; `fetch` runs the SQL and
hands back one instance per table, converted as the ORM converts (JSON, aware datetimes), the fields
not named deferred. Each table after the first is joined through a foreign key of an earlier one
(`on="i.quiz"`: its primary key equals `i.quiz_id`), LEFT JOINed when that key may be null. `Shape`
turns the row of a hand-written SELECT into instances the same way.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model


def cursor():
    """A cursor for the statements of this module and their callers: on PostgreSQL each statement is
    prepared on its connection the first time and then only executed (planning a six-table join costs
    the server about 0.4 ms a time); elsewhere Django's own cursor. Either way through Django's wrapper:
    queries are logged and counted, errors are Django's."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    return connection._prepare_cursor(_prepared_cursor_class()(connection.connection))


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparedCursor


@dataclass(frozen=True)
class Table:
    alias: str
    model: type[Model]
    fields: tuple[str, ...]
    on: str = ""  # "alias.field": the foreign key of an earlier table that points at this one


class Join:
    def __init__(self, *tables: Table, where: tuple[str, ...], lock: tuple[str, ...] = ()):
        """`where`: "alias.field" names compared for equality with the parameters of `fetch`, in order;
        `lock`: aliases whose rows are locked (FOR UPDATE OF) where the database can."""
        self.tables = tables
        self.where = where
        self.lock = lock
        self.shape = Shape(*((t.model, t.fields) for t in tables))
        self._sql: str | None = None

    def _field(self, ref: str):
        alias, name = ref.split(".")
        table = next(t for t in self.tables if t.alias == alias)
        return alias, table.model._meta.get_field(name)

    def sql(self) -> str:
        if self._sql is None:
            qn = connection.ops.quote_name
            first, *rest = self.tables
            columns = [column for t in self.tables for column in self.shape.columns(t.alias, t.model)]
            parts = [f"SELECT {', '.join(columns)} FROM {qn(first.model._meta.db_table)} {first.alias}"]
            for table in rest:
                alias, key = self._field(table.on)
                kind = "LEFT JOIN" if key.null else "JOIN"
                parts.append(
                    f"{kind} {qn(table.model._meta.db_table)} {table.alias}"
                    f" ON {table.alias}.{qn(table.model._meta.pk.column)} = {alias}.{qn(key.column)}"
                )
            conditions = []
            for ref in self.where:
                alias, field = self._field(ref)
                conditions.append(f"{alias}.{qn(field.column)} = %s")
            parts.append("WHERE " + " AND ".join(conditions))
            features = connection.features
            if self.lock and features.has_select_for_update_of:
                parts.append("FOR UPDATE OF " + ", ".join(self.lock))
            elif self.lock and features.has_select_for_update:
                parts.append("FOR UPDATE")
            self._sql = " ".join(parts)
        return self._sql

    def fetch(self, *params) -> tuple[Model | None, ...] | None:
        """One instance per table (None where a LEFT JOIN found nothing), or None when no row matches."""
        prepared = [
            self._field(ref)[1].get_db_prep_value(value, connection)
            for ref, value in zip(self.where, params, strict=True)
        ]
        with cursor() as c:
            c.execute(self.sql(), prepared)
            row = c.fetchone()
        return None if row is None else self.shape.instances(row)


class Shape:
    """What a row holds: the named fields of several models, in order. `instances` turns a row into one
    instance per model, converted as the ORM converts (JSON, aware datetimes), None for a model whose
    columns are all null (a LEFT JOIN that found nothing)."""

    def __init__(self, *parts: tuple[type[Model], tuple[str, ...]]):
        self.parts = parts
        self._plans: list | None = None

    def columns(self, alias: str, model: type[Model]) -> list[str]:
        """The quoted columns of `model`'s part, prefixed with `alias`, for a hand-written SELECT."""
        qn = connection.ops.quote_name
        (names,) = [names for m, names in self.parts if m is model]
        return [f"{alias}.{qn(model._meta.get_field(name).column)}" for name in names]

    def _converters(self) -> list:
        if self._plans is None:
            plans = []
            for model, names in self.parts:
                meta = model._meta
                plan = []
                for name in names:
                    field = meta.get_field(name)
                    col = field.get_col(meta.db_table)
                    converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                    plan.append((field.attname, col, converters))
                # from_db takes the values in the model's field order, the others deferred.
                order = [f.attname for f in meta.concrete_fields if f.attname in {a for a, _c, _v in plan}]
                plans.append((model, plan, order))
            self._plans = plans
        return self._plans

    def instances(self, row) -> tuple[Model | None, ...]:
        instances, start = [], 0
        for model, plan, order in self._converters():
            values = row[start : start + len(plan)]
            start += len(plan)
            if all(value is None for value in values):
                instances.append(None)
                continue
            by_name = {}
            for (attname, col, converters), value in zip(plan, values, strict=True):
                for convert in converters:
                    value = convert(value, col, connection)
                by_name[attname] = value
            instances.append(model.from_db(connection.alias, order, [by_name[name] for name in order]))
        return tuple(instances)


# --------------------------------------------------------------------------------------------- writes
#
# One INSERT or UPDATE written once per model and field set. On PostgreSQL a caller may chain a write
# into the next in one statement (`insert_after`): a data-modifying WITH, one round trip instead of two.

_WRITES: dict[tuple, tuple[str, list]] = {}


def _written(model: type[Model]) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key or not f.auto_created]


def insert_statement(model: type[Model], conflict: tuple[str, ...] = ()) -> tuple[str, list]:
    """`INSERT … RETURNING pk` of every concrete field but an automatic primary key, and those fields;
    with `conflict`, a row with those values already there is left alone (no row returned)."""
    key = ("insert", model, conflict)
    if key not in _WRITES:
        qn = connection.ops.quote_name
        meta = model._meta
        fields = _written(model)
        columns = ", ".join(qn(f.column) for f in fields)
        sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        if conflict:
            sql += (
                f" ON CONFLICT ({', '.join(qn(meta.get_field(name).column) for name in conflict)}) DO NOTHING"
            )
        _WRITES[key] = (f"{sql} RETURNING {qn(meta.pk.column)}", fields)
    return _WRITES[key]


def update_statement(model: type[Model], names: tuple[str, ...]) -> tuple[str, list]:
    """`UPDATE … SET these fields WHERE pk = %s RETURNING pk`, and the fields (the pk's value comes last)."""
    key = ("update", model, names)
    if key not in _WRITES:
        qn = connection.ops.quote_name
        meta = model._meta
        fields = [meta.get_field(name) for name in names]
        sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
        pk = qn(meta.pk.column)
        _WRITES[key] = (f"UPDATE {qn(meta.db_table)} SET {sets} WHERE {pk} = %s RETURNING {pk}", fields)
    return _WRITES[key]


def values(obj: Model, fields, *, adding: bool) -> list:
    """The database values of these fields of `obj`, as `save` would write them (defaults, auto_now)."""
    return [f.get_db_prep_save(f.pre_save(obj, adding), connection) for f in fields]


def saved(obj: Model, pk) -> None:
    """Mark an instance written by hand-written SQL as saved, with this primary key."""
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias


def insert(obj: Model, *, conflict: tuple[str, ...] = ()) -> bool:
    """Save a new instance with one INSERT and set its primary key. With `conflict`, a row that already
    has those values (another transaction made it meanwhile) is left alone and False returned. No model
    signals are sent: the models written this way have no receivers."""
    sql, fields = insert_statement(type(obj), conflict)
    with cursor() as c:
        c.execute(sql, values(obj, fields, adding=True))
        row = c.fetchone()
    if row is None:
        return False
    saved(obj, row[0])
    return True


def update(obj: Model, names: tuple[str, ...]) -> None:
    """Write these fields of a saved instance with one UPDATE."""
    sql, fields = update_statement(type(obj), names)
    with cursor() as c:
        c.execute(sql, [*values(obj, fields, adding=False), obj.pk])


def chains() -> bool:
    """Whether writes can be chained into one statement here (PostgreSQL's data-modifying WITH)."""
    return connection.vendor == "postgresql"


def insert_after(first: tuple[str, list], obj: Model, link: str) -> bool:
    """One statement (PostgreSQL): run `first` (a write `RETURNING` one primary key, with its
    parameters), then insert `obj` with its foreign key `link` set to that key, and set both on `obj`.
    False, with nothing inserted, when `first` returned no row (an insert that met a conflict)."""
    model = type(obj)
    key = ("after", model, link, first[0])
    if key not in _WRITES:
        qn = connection.ops.quote_name
        meta = model._meta
        linked = meta.get_field(link)
        fields = [f for f in _written(model) if f is not linked]
        columns = ", ".join(qn(f.column) for f in [linked, *fields])
        sql = (
            f"WITH w AS ({first[0]}) INSERT INTO {qn(meta.db_table)} ({columns})"
            f" SELECT w.*, {', '.join(['%s'] * len(fields))} FROM w"
            f" RETURNING {qn(meta.pk.column)}, {qn(linked.column)}"
        )
        _WRITES[key] = (sql, fields)
    sql, fields = _WRITES[key]
    with cursor() as c:
        c.execute(sql, [*first[1], *values(obj, fields, adding=True)])
        row = c.fetchone()
    if row is None:
        return False
    saved(obj, row[0])
    setattr(obj, model._meta.get_field(link).attname, row[1])
    return True
