"""The user's entity choices: merge two entities, split an alias off one, relabel one.

They live in ``entities.toml`` in the platformdirs config dir and apply to
the whole corpus on every run::

    [[merge]]
    entities = ["person:zelensky", "Wolodymyr Selenskyj"]   # ids or names
    name = "Wolodymyr Selenskyj"                            # optional display name

    [[split]]
    entity = "person:donald-trump"
    alias = "Melania Trump"                                 # becomes its own entity

    [[relabel]]
    entity = "Brücken"
    label = "PERSON"                                       # every mention of it becomes a PERSON

They are the linking part of the corrections file (:mod:`core.corrections`, which
reads and writes it). An entity is referred to by its id or by any of its names (case-insensitive),
so choices survive when ids change as the corpus grows.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from core.corrections.models import Merge, Relabel, Speaker, Split, Untag
from core.models import LABELS
from core.names import slug

if TYPE_CHECKING:
    from collections.abc import Iterable

    from core.linking import Cluster
    from core.models import Entity

FILE_NAME = "entities.toml"
__all__ = ["FILE_NAME", "EntityOverrides", "Merge", "Relabel", "Speaker", "Split", "Untag", "refers_to"]


class EntityOverrides(BaseModel):
    """Every merge and split the user asked for, in order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    merge: tuple[Merge, ...] = ()
    """Merges, applied first."""
    split: tuple[Split, ...] = ()
    """Splits, applied after the merges."""
    relabel: tuple[Relabel, ...] = ()
    """Labels the user gave entities, applied last."""
    untag: tuple[Untag, ...] = ()
    """Untagged forms: linking does not tag them again as repeats of a name."""
    speaker: tuple[Speaker, ...] = ()
    """Speakers the user gave quotations: linking resolves their entity references."""

    @classmethod
    def load(cls, path: Path) -> EntityOverrides:
        """The linking part of the corrections file (see :mod:`core.corrections`); a missing file means none."""
        from core.corrections import CorrectionsFile

        return CorrectionsFile(path).load().overrides()

    def with_merge(self, entities: list[str], name: str | None = None) -> EntityOverrides:
        """A copy with one more merge."""
        return self.model_copy(update={"merge": (*self.merge, Merge(entities=tuple(entities), name=name))})

    def with_split(self, entity: str, alias: str) -> EntityOverrides:
        """A copy with one more split."""
        return self.model_copy(update={"split": (*self.split, Split(entity=entity, alias=alias))})

    def apply(self, clusters: dict[str, Cluster]) -> dict[str, Cluster]:
        """Merge and split clusters as the user asked; unknown references are skipped (see :meth:`check`)."""
        from core.linking import Cluster

        clusters = dict(clusters)
        for merge in self.merge:
            found = [key for key, cluster in clusters.items() if any(refers_to(ref, cluster) for ref in merge.entities)]
            if len(found) < 2:
                if found and merge.name:  # the references already name one entity: it still gets the name
                    clusters[found[0]].texts[merge.name] += 10**6
                continue
            target = clusters[found[0]]
            for key in found[1:]:
                other = clusters.pop(key)
                target.members += other.members
                target.member_texts.update(other.member_texts)
                target.votes += other.votes
                target.texts += other.texts
                target.roles += other.roles
                target.canonical_id = target.canonical_id or other.canonical_id
            if merge.name:
                target.texts[merge.name] += 10**6  # the display name wins
        for split in self.split:
            for key, cluster in list(clusters.items()):
                if not refers_to(split.entity, cluster):
                    continue
                alias = split.alias.casefold()
                moved = [text for text in cluster.texts if text.casefold() == alias]
                if not moved or len(moved) == len(cluster.texts):
                    continue
                new = Cluster(key=f"split:{key}:{alias}", votes=Counter({cluster.votes.most_common(1)[0][0]: 1}))
                new.texts.update({text: cluster.texts.pop(text) for text in moved})
                new.members = Counter({m: n for m, n in cluster.members.items()
                                       if cluster.member_texts[m].casefold() == alias})  # fmt: skip
                new.member_texts = {m: cluster.member_texts.pop(m) for m in new.members}
                cluster.members = Counter({m: n for m, n in cluster.members.items() if m not in new.member_texts})
                clusters[new.key] = new
        for relabel in self.relabel:
            if relabel.label not in LABELS:
                continue  # reported by check
            for cluster in clusters.values():
                if refers_to(relabel.entity, cluster):
                    cluster.label = relabel.label
        return clusters

    def check(self, entities: Iterable[Entity]) -> list[str]:
        """One line per reference that names nothing in this corpus, where the rule's other
        references do (a typo, most likely). A rule none of whose references is in the corpus is
        for other corpora and is not reported."""
        if not self.merge and not self.split and not self.relabel:
            return []
        known: set[str] = set()
        for entity in entities:
            label = entity.label.lower()
            for text in (entity.name, *entity.aliases):
                known.update((text.casefold(), f"{label}:{slug(text)}"))
            known.add(entity.id.casefold())
        notes = []
        for number, merge in enumerate(self.merge, 1):
            missing = [ref for ref in merge.entities if ref.casefold() not in known]
            if len(missing) < len(merge.entities):
                notes += [f"{FILE_NAME}: merge {number}: no entity {ref!r} in this corpus" for ref in missing]
        for number, split in enumerate(self.split, 1):
            if split.entity.casefold() in known and split.alias.casefold() not in known:
                notes.append(f"{FILE_NAME}: split {number}: {split.entity!r} has no spelling {split.alias!r} "
                             "in this corpus")  # fmt: skip
        for number, relabel in enumerate(self.relabel, 1):
            if relabel.label not in LABELS:
                notes.append(f"{FILE_NAME}: relabel {number}: unknown label {relabel.label!r} ({', '.join(LABELS)})")
        return notes


def refers_to(reference: str, cluster: Cluster) -> bool:
    """Whether an entity reference (id or any name, case-insensitive) names the cluster."""
    folded = reference.casefold()
    if cluster.canonical_id and cluster.canonical_id.casefold() == folded:
        return True
    if any(text.casefold() == folded for text in cluster.texts):
        return True
    label = cluster.votes.most_common(1)[0][0].lower() if cluster.votes else ""
    return any(f"{label}:{slug(text)}" == folded for text in cluster.texts)
