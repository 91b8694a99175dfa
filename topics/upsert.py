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
        self.created: set = set()  # keys created in this load: their links are part of the creation
        self.links: dict[str, dict] = {}  # m2m name -> {row pk: set of target pks}, read once per load

    def put(self, key_value, values: dict, identity: dict | None = None) -> models.Model:
        self.seen.add(key_value)
        obj = self.existing.get(key_value)
        if obj is None:
            obj = self.model.objects.create(**(identity or {self.key: key_value}), **values)
            self.existing[key_value] = obj
            self.created.add(key_value)
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
        if name not in self.links:
            field = self.model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            current: dict = {}
            for row_pk, target_pk in through.objects.values_list(source, target):
                current.setdefault(row_pk, set()).add(target_pk)
            self.links[name] = current
        wanted = {t.pk for t in targets}
        if self.links[name].get(obj.pk, set()) != wanted:
            getattr(obj, name).set(wanted)
            if self.key_of(obj) not in self.created:
                self.report.updated[self.label] += 1

    def remove_missing(self) -> None:
        gone = [obj.pk for key, obj in self.existing.items() if key not in self.seen]
        if gone:
            self.model.objects.filter(pk__in=gone).delete()
            self.report.deleted[self.label] += len(gone)


def _pk_or_value(value):
    return value.pk if isinstance(value, models.Model) else value
