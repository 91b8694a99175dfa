"""Upsert rows of one model by a stable key, counting what really changed (used by the content loader)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from django.db import models


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any((self.created, self.updated, self.deleted))

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.deleted))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, {self.deleted[kind]} removed"
            for kind in kinds
        ]


_LOCATION = {"path", "line", "key_lines"}


def plain(value):
    """Dataclasses to JSON-ready dicts (Text becomes {"en": ..., "ko": ...}), without where they were read."""
    if not dataclasses.is_dataclass(value):
        return value
    return dataclasses.asdict(
        value, dict_factory=lambda items: {k: v for k, v in items if k not in _LOCATION}
    )


class Sync:
    """Upsert rows of one model by a key, counting what really changed.

    `put` updates an existing row at once and queues a new one; `flush` inserts the queued rows in
    bulk and then writes the many-to-many links that `set_m2m` asked for, also in bulk. Call `flush`
    before another kind refers to these rows.

    `key_of` reads the key off a row (default: the `key` field); rows whose key is more than one
    field (an exam domain: exam code and number) pass `identity` to `put` when they are created.
    """

    def __init__(
        self,
        model: type[models.Model],
        key: str,
        report: LoadReport,
        label: str,
        *,
        queryset=None,
        key_of=None,
    ):
        self.model, self.key, self.report, self.label = model, key, report, label
        self.key_of = key_of or (lambda obj: getattr(obj, key))
        self.existing = {
            self.key_of(obj): obj for obj in (queryset if queryset is not None else model.objects.all())
        }
        self.seen: set = set()
        self.pending: list[models.Model] = []  # new rows, inserted by flush()
        self.wanted: dict[str, list] = {}  # m2m name -> [(row, set of target pks)], written by flush()

    def put(self, key_value, values: dict, identity: dict | None = None) -> models.Model:
        self.seen.add(key_value)
        obj = self.existing.get(key_value)
        if obj is None:
            obj = self.model(**(identity or {self.key: key_value}), **values)
            self.pending.append(obj)
            self.existing[key_value] = obj
            self.report.created[self.label] += 1
            return obj
        changed = [
            name for name, value in values.items() if _pk_or_value(getattr(obj, name)) != _pk_or_value(value)
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.report.updated[self.label] += 1
        return obj

    def set_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        self.wanted.setdefault(name, []).append((obj, {t.pk for t in targets}))

    def flush(self) -> None:
        created = {id(obj) for obj in self.pending}
        self.model.objects.bulk_create(self.pending, batch_size=500)
        self.pending = []
        for name, rows in self.wanted.items():
            field = self.model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            current: dict = {}
            for row_pk, target_pk in through.objects.values_list(source, target):
                current.setdefault(row_pk, set()).add(target_pk)
            add, remove = [], []
            for obj, wanted in rows:
                have = current.get(obj.pk, set())
                if have == wanted:
                    continue
                add += [through(**{source: obj.pk, target: pk}) for pk in wanted - have]
                remove += [(obj.pk, pk) for pk in have - wanted]
                if id(obj) not in created:
                    self.report.updated[self.label] += 1
            through.objects.bulk_create(add, batch_size=1000)
            for row_pk, target_pk in remove:
                through.objects.filter(**{source: row_pk, target: target_pk}).delete()
        self.wanted = {}

    def remove_missing(self) -> None:
        gone = [obj.pk for key, obj in self.existing.items() if key not in self.seen]
        if gone:
            self.model.objects.filter(pk__in=gone).delete()
            self.report.deleted[self.label] += len(gone)


def _pk_or_value(value):
    return value.pk if isinstance(value, models.Model) else value
