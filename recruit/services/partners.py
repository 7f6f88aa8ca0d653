"""Partner KPO firms the consultants refer work to: the directory, the standards each holds (with expiry and
a certificate checked by content), their contacts, and past engagements with ratings."""
from __future__ import annotations

import os
from datetime import date

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import (Engagement, FirmContact, FirmStandard, PartnerFirm, Resume, ServiceLine, StoredFile)
from recruit.services.audit import record_audit
from recruit.services.errors import Conflict, InvalidInput, NotFound
from recruit.services.resumes import clean_filename, store_file

CERTIFICATE_TYPES = {"pdf": "a PDF", "docx": "a Word document (DOCX)", "txt": "plain text"}
CERTIFICATE_LIMIT = 20 * 1024 * 1024


def firms(*, q: str = "", service_line_id: int | None = None, standard: str = "") -> list[PartnerFirm]:
    """The directory, by name: ``q`` matches a name, capability or location; filtered by a service line or
    a standard held."""
    stmt = select(PartnerFirm).order_by(PartnerFirm.name)
    if service_line_id:
        stmt = stmt.where(PartnerFirm.service_lines.any(ServiceLine.id == service_line_id))
    if standard:
        stmt = stmt.where(PartnerFirm.standards.any(func.lower(FirmStandard.standard) == standard.strip().lower()))
    found = list(db.session.scalars(stmt))
    words = q.strip().lower()
    if words:  # capabilities and locations are JSON lists: matched here, the directory is small
        found = [f for f in found if words in " | ".join([f.name, *f.capabilities, *f.locations]).lower()]
    return found


def get_firm(firm_id: int) -> PartnerFirm:
    firm = db.session.get(PartnerFirm, firm_id)
    if firm is None:
        raise NotFound("No such partner firm.")
    return firm


def save_firm(values: dict, *, actor_id: int, firm_id: int | None = None) -> PartnerFirm:
    """Create or change a partner firm from checked ``values`` (``partners.forms.FirmForm``: name, website,
    capabilities, locations, time_zones, capacity, capacity_note, notes, service_line_ids)."""
    values = dict(values)
    name = values["name"]
    clash = db.session.scalars(select(PartnerFirm).where(func.lower(PartnerFirm.name) == name.lower())).first()
    if clash is not None and clash.id != firm_id:
        raise Conflict("There is already a partner firm with this name.", existing_id=clash.id)
    line_ids = values.pop("service_line_ids", [])
    firm = get_firm(firm_id) if firm_id else PartnerFirm(name=name)
    for key, value in values.items():
        setattr(firm, key, value)
    firm.service_lines = list(db.session.scalars(select(ServiceLine).where(ServiceLine.id.in_(line_ids)))) \
        if line_ids else []
    db.session.add(firm)
    db.session.flush()
    record_audit("firm.update" if firm_id else "firm.create", firm, actor_id=actor_id, name=name)
    db.session.commit()
    return firm


def check_certificate(data: bytes, filename: str) -> str:
    """The certificate's type (``pdf`` or ``docx``) read from its bytes, or ``InvalidInput`` saying why it is
    refused: empty, damaged, not a document, plain text, or named as one type while it is another."""
    from nlp.errors import ResumeError
    from nlp.filetype import detect_type

    try:
        kind = detect_type(data, max_bytes=CERTIFICATE_LIMIT)
    except ResumeError as exc:
        raise InvalidInput(str(exc).replace("a resume", "a certificate"), field="certificate")
    claimed = os.path.splitext(filename or "")[1].lower().lstrip(".")
    if claimed in CERTIFICATE_TYPES and claimed != kind:
        raise InvalidInput(f"The file is named .{claimed} but its content is {CERTIFICATE_TYPES[kind]}: "
                           "upload the certificate itself, as a PDF or Word document.", field="certificate")
    if kind == "txt":
        raise InvalidInput("A certificate must be a PDF or a Word document; this file is plain text.",
                           field="certificate")
    return kind


def add_standard(firm_id: int, values: dict, *, actor_id: int, certificate: tuple[bytes, str] | None = None
                 ) -> FirmStandard:
    """Record (or renew) a standard the firm holds: ``values`` has standard and expires_on; ``certificate``
    is (bytes, filename), checked by content before anything is kept."""
    firm = get_firm(firm_id)
    kind = check_certificate(*certificate) if certificate else None
    held = db.session.scalars(select(FirmStandard).where(FirmStandard.firm_id == firm.id,
                                                         func.lower(FirmStandard.standard) ==
                                                         values["standard"].lower())).first()
    if held is None:
        held = FirmStandard(firm_id=firm.id, standard=values["standard"])
    held.expires_on = values.get("expires_on")
    held.added_by_id = actor_id
    if certificate:
        stored = store_file(certificate[0])
        held.certificate_sha256 = stored.sha256
        held.certificate_filename = clean_filename(certificate[1], kind)
        held.certificate_mimetype = Resume.MIME_TYPES[kind]
    db.session.add(held)
    db.session.flush()
    record_audit("firm.standard", firm, actor_id=actor_id, standard=held.standard,
                 expires_on=held.expires_on.isoformat() if held.expires_on else None,
                 certificate=held.certificate_sha256)
    db.session.commit()
    return held


def get_standard(firm_id: int, standard_id: int) -> FirmStandard:
    held = db.session.get(FirmStandard, standard_id)
    if held is None or held.firm_id != firm_id:
        raise NotFound("No such standard.")
    return held


def certificate_data(held: FirmStandard) -> bytes:
    if not held.certificate_sha256:
        raise NotFound("No certificate was uploaded for this standard.")
    return db.session.get(StoredFile, held.certificate_sha256).data


def add_contact(firm_id: int, values: dict, *, actor_id: int) -> FirmContact:
    """A person at the partner firm, from checked ``values`` (name, role, email, phone)."""
    firm = get_firm(firm_id)
    contact = FirmContact(firm_id=firm.id, **values)
    db.session.add(contact)
    db.session.flush()
    record_audit("firm.contact_add", firm, actor_id=actor_id, contact_id=contact.id)
    db.session.commit()
    return contact


def add_engagement(firm_id: int, values: dict, *, actor_id: int) -> Engagement:
    """A past piece of work by the firm (``values``: title, client_id, brief_id, service_line_id, rating 1-5,
    comments, ended_on)."""
    firm = get_firm(firm_id)
    rating = values.get("rating")
    if rating is not None and not 1 <= rating <= 5:
        raise InvalidInput("A rating is from 1 to 5.", field="rating")
    engagement = Engagement(firm_id=firm.id, created_by_id=actor_id, **values)
    db.session.add(engagement)
    db.session.flush()
    record_audit("firm.engagement_add", firm, actor_id=actor_id, engagement_id=engagement.id, rating=rating)
    db.session.commit()
    return engagement


def average_rating(firm: PartnerFirm) -> float | None:
    """The mean of the firm's rated engagements, or None when none is rated."""
    ratings = [e.rating for e in firm.engagements if e.rating]
    return round(sum(ratings) / len(ratings), 1) if ratings else None


def standing(firm: PartnerFirm, required: list[str], today: date) -> dict:
    """Whether the firm holds each required standard in date: ``{"eligible": bool, "held": [...],
    "missing": [...], "expired": [(standard, expiry date)], "no_certificate": [...], "reasons": [...]}``.
    A standard is held when the firm records it, its expiry is not past and its certificate was uploaded."""
    by_name = {s.standard.strip().lower(): s for s in firm.standards}
    held, missing, expired, unproven, reasons = [], [], [], [], []
    for name in required:
        standard = by_name.get(name.strip().lower())
        if standard is None:
            missing.append(name)
            reasons.append(f"does not hold {name}")
        elif standard.expired(today):
            expired.append((name, standard.expires_on))
            reasons.append(f"its {name} certificate expired on {standard.expires_on:%d %b %Y}")
        elif not standard.certificate_sha256:
            unproven.append(name)
            reasons.append(f"no {name} certificate has been uploaded")
        else:
            held.append(name)
    return {"eligible": not (missing or expired or unproven), "held": held, "missing": missing,
            "expired": expired, "no_certificate": unproven, "reasons": reasons}

