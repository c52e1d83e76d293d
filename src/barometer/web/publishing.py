"""Store a wave's published aggregates as a new version (``barometer publish``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from barometer.explorer import Snapshot
from barometer.web.models_explorer import PublishedTable, PublishedWave


def store_snapshot(snapshot: Snapshot, wave: str) -> PublishedWave:
    """Write ``snapshot`` as the next version of ``wave`` in one transaction: the public
    pages see the whole new version or nothing of it."""
    for _ in range(3):  # two publishers at once: the unique version makes one retry
        try:
            with transaction.atomic():
                last = PublishedWave.objects.filter(wave=wave).aggregate(v=Max("version"))["v"]
                version = (last or 0) + 1
                meta = {
                    **snapshot.meta,
                    "wave": wave,
                    "version": version,
                    "published": timezone.localdate().isoformat(),
                }
                published = PublishedWave.objects.create(wave=wave, version=version, meta=meta)
                PublishedTable.objects.bulk_create(
                    [
                        PublishedTable(
                            snapshot=published,
                            indicator=i,
                            breakdown=b,
                            filter=f,
                            status=t["status"],
                            data=t,
                        )
                        for (i, b, f), t in snapshot.tables.items()
                    ],
                    batch_size=500,
                )
                return published
        except IntegrityError:
            continue
    raise RuntimeError(f"could not publish wave {wave!r}: the version was taken three times")


def latest(wave: str) -> PublishedWave | None:
    return PublishedWave.objects.filter(wave=wave).order_by("-version").first()
