"""The kinds of things the archive stores, as string enums shared by the models (their CHECK
constraints), the records passed between stages, the extractors that produce them and the store
and queries that read them. A member *is* its string (``SpeakerKind.PERSON == "person"``), so rows,
JSON and SQL keep plain strings; adding a kind is a change here plus a migration for the CHECK."""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    """A source row: the outlet that published an article, or the agency that wrote it."""

    OUTLET = "outlet"
    WIRE = "wire"


class PersonRole(StrEnum):
    """How an article involves a person (``article_people.role``)."""

    SUBJECT = "subject"
    AUTHOR = "author"
    PHOTOGRAPHER = "photographer"


class SpeakerKind(StrEnum):
    """Who a quote is attributed to: a person of the article, an unnamed source ("a senior
    official"), an organisation ("the ministry said"), or nobody found."""

    PERSON = "person"
    UNNAMED = "unnamed"
    ORGANISATION = "organisation"
    NONE = "none"


class QuoteKind(StrEnum):
    """A whole quoted sentence or passage, a quoted fragment inside the reporter's sentence, or
    reported speech without quotation marks ("X said the plan would fail": its content)."""

    FULL = "full"
    PARTIAL = "partial"
    INDIRECT = "indirect"


class PlaceKind(StrEnum):
    """The kind of a gazetteer place."""

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    CONTINENT = "continent"
    OTHER = "other"


class CorrectionKind(StrEnum):
    """What a correction made by hand changes (``corrections.kind``)."""

    PERSON_MERGE = "person_merge"
    PERSON_SPLIT = "person_split"
    PERSON_RENAME = "person_rename"
    QUOTE_SPEAKER = "quote_speaker"
    PLACE_SET = "place_set"


class CorrectionStatus(StrEnum):
    """A correction is applied again on every re-extraction while active; undone, never again."""

    ACTIVE = "active"
    UNDONE = "undone"


class IngestStatus(StrEnum):
    """What ingesting one document did."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    FAILED = "failed"


def values(kind: type[StrEnum]) -> tuple[str, ...]:
    """The strings of an enum, in declaration order (for CHECK constraints and option choices)."""
    return tuple(member.value for member in kind)
