"""Speaker turns of a record -> planned statements: who spoke, for whom, and their text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from r2p_archive.models import Part, PlannedStatement

if TYPE_CHECKING:
    from r2p_archive.extract.clean import Dehyphenator
    from r2p_archive.pages import Document
    from r2p_archive.pages.labels import Conventions
    from r2p_archive.pages.record import RecordText
    from r2p_archive.pages.turns import Label, Turn

TEXT_START = 80
_BEHALF_WINDOW = 500
_OWN_SIDE = re.compile(
    r"^(?:my|our|myself|mon|ma|mes|notre|nos|moi|mi|mis|nuestro|nuestra|мо\w+|наш\w*)\b",
    re.IGNORECASE)
# where the name of a group ends and the sentence goes on
_GROUP_END = re.compile(
    r"\s+(?:—|–|-{1,2}|with regard|regarding|concerning|in my|in our|in its|on the|on this|"
    r"at this|at the|as|for the adoption|sur|sobre|en relación|по)\b.*$|\s+[—–].*$",
    re.IGNORECASE)
# "aligns itself with the statement delivered by Pakistan on behalf of ...": another speaker's
_SOMEONE_ELSE = re.compile(
    r"\b(?:delivered|made|presented|given|read out) (?:by|on)\b|\balign|\bassociat|"
    r"\bprononcée?s?\b|\bfaite?\b|\bformulad[ao]s?\b|\bpronunciad[ao]s?\b|"
    r"сделанн\w*|произнесенн\w*|присоедин\w*|البيان الذي|أدلي به",
    re.IGNORECASE)
_SECRETARIAT = re.compile(r"^(?:Department|Office|Division|Secretariat|Département|Bureau|"
                          r"Departamento|Oficina|Департамент|Управление)\b")
_ABBREVIATION = re.compile(r"\s*\([A-Z0-9\-]{2,10}\)")


def turn_text(turn: Turn, dehyphenator: Dehyphenator) -> str:
    """The speech of a turn as the archive stores it: paragraphs separated by a blank line."""
    from r2p_archive.extract import clean
    from r2p_archive.extract.pdf import Segment, paragraphs_of

    segments = []
    for seg, rows in turn.rows:
        piece = Segment(rows, page=seg.page)
        piece.x0, piece.x1 = seg.x0, seg.x1  # the column's extent, not the piece's
        segments.append(piece)
    groups = paragraphs_of(segments)
    return clean.finish(clean.join_lines(g, dehyphenator) for g in groups)


def on_behalf_of(text: str, conv: Conventions) -> str | None:
    """Whom the speaker speaks for ("the European Union and its member States"), if the
    opening of the speech says so."""
    opening = text[:_BEHALF_WINDOW]
    m = next((m for m in conv.behalf.finditer(opening)
              if not _SOMEONE_ELSE.search(opening[max(0, m.start() - 80):m.start()])), None)
    if m is None:
        return None
    group = _ABBREVIATION.sub("", " ".join(m.group(1).split()))
    group = _GROUP_END.sub("", group).strip(" ,")
    if not group or _OWN_SIDE.match(group):
        return None  # "on behalf of my Government"
    return group


def _behalf(label: Label, text: str, conv: Conventions, speaker: str) -> str | None:
    if label.presiding:
        return None  # "On behalf of the General Assembly, I request ..."
    group = on_behalf_of(text, conv)
    if group is None or group in (speaker, label.affiliation):
        return None  # "on behalf of Brazil": the speaker's own country
    return group


def _speaker(turn: Turn, language: str) -> tuple[str, str, str | None]:
    """(speaker name, speaker type, ISO3) of a turn."""
    from r2p_archive.countries import lookup_state_in
    from r2p_archive.speakers import classify, known_org

    label = turn.label
    if label.official:
        return label.person, "un_official", None
    if label.affiliation:
        state = lookup_state_in(label.affiliation, language)
        if state is not None:
            return state.name, "state", state.iso3
        if _SECRETARIAT.match(label.affiliation):
            return label.person, "un_official", None
        org = known_org(label.affiliation)
        if org is not None:
            return org[0], org[1], None
        guess = classify(label.affiliation, allow_people=False)
        if guess is not None and guess.type != "state":
            return guess.name, guess.type, None
        return label.affiliation, "organization", None
    return label.person, "panelist", None


def plan_turns(rec: RecordText, document: Document, year: int) -> list[PlannedStatement]:
    """One planned statement per turn of ``rec`` (only the R2P item's turns when the
    document asks for it), in reading order."""
    from r2p_archive.extract import clean

    conv = rec.conventions
    lines = (row.text for turn in rec.turns for _, rows in turn.rows for row in rows)
    dehyphenator = clean.Dehyphenator(lines)
    url = document.source if re.match(r"https?://", document.source) else None
    replies_open: str | None = None  # the agenda item whose rights of reply have begun
    out: list[PlannedStatement] = []
    for turn in rec.turns:
        text = turn_text(turn, dehyphenator)
        label = turn.label
        if label.presiding and conv.reply.search(text):
            replies_open = turn.agenda_item or ""
        elif replies_open is not None and replies_open != (turn.agenda_item or ""):
            replies_open = None
        reply = not label.presiding and (
            replies_open is not None or bool(conv.reply.search(text[:300])))
        if document.r2p_only and not conv.r2p.search(turn.agenda_title or ""):
            continue
        speaker, kind, iso3 = _speaker(turn, rec.language)
        last_page = max((seg.page for seg, _ in turn.rows), default=turn.page)
        part = Part(
            record=rec.symbol,
            language=rec.language,
            turn=turn.number,
            page=turn.page,
            page_end=last_page,
            person=label.person,
            affiliation=label.affiliation,
            delivered_in=label.note_language or rec.language,
            agenda_item=turn.agenda_item,
            agenda_title=turn.agenda_title,
            reply=reply,
            on_behalf_of=_behalf(label, text, conv, speaker),
            procedural=label.presiding,
            text_start=" ".join(text.split())[:TEXT_START],
        )
        out.append(PlannedStatement(
            year=year, speaker=speaker, speaker_type=kind, iso3=iso3,
            languages=(rec.language,), url=url, note=_note(label.role, rec.scanned),
            source=document.source,
            part=part, text=text,
        ))
    return out


SCANNED_NOTE = "record read by OCR: speakers found by the label pattern alone (no bold)"


def _note(role: str | None, scanned: bool) -> str | None:
    notes = [n for n in (role, SCANNED_NOTE if scanned else None) if n]
    return "; ".join(notes) or None


def link_versions(statements: list[PlannedStatement]) -> list[PlannedStatement]:
    """Language versions of one record share turn numbers: a turn whose affiliation was not
    resolved in one language takes the speaker of a version where it was (a state's name in
    a UN language that pycountry's translations do not know)."""
    import dataclasses

    known: dict[tuple[str, int], PlannedStatement] = {}
    for st in statements:
        if st.part is not None and st.iso3:
            known.setdefault((st.part.record, st.part.turn), st)
    out = []
    for st in statements:
        other = known.get((st.part.record, st.part.turn)) if st.part is not None else None
        if other is not None and not st.iso3 and st.part is not None and st.part.affiliation \
                and st.speaker_type == "organization" and st.speaker == st.part.affiliation:
            st = dataclasses.replace(st, speaker=other.speaker, speaker_type=other.speaker_type,
                                     iso3=other.iso3)
        out.append(st)
    return out
