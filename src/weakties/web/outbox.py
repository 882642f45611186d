"""The demo's outbox: an email backend that keeps every message in the database.

``weakties demo`` sets ``WEAKTIES_DEMO``, and the settings then point
``EMAIL_BACKEND`` here: the call for help requests, invitations, reminders,
feedback and every other email of the demo land in
:class:`~weakties.web.models.OutboxEmail`, which admins read on the *Outbox*
page, so every email feature is visible without a mail server.  Production
keeps Django's SMTP backend.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Sequence
from email.message import EmailMessage as ParsedMessage
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from weakties.web.models import OutboxEmail

__all__ = ["OutboxBackend", "parsed", "attachment_parts", "attachment_bytes"]


def parsed(raw: str) -> ParsedMessage:
    """The stored message as Python's ``email`` reads it."""
    message = email.message_from_string(raw, policy=email.policy.default)
    assert isinstance(message, ParsedMessage)
    return message


def attachment_parts(message: ParsedMessage) -> list[ParsedMessage]:
    """The message's attachments in order (a calendar invite is one)."""
    return [part for part in message.iter_attachments() if isinstance(part, ParsedMessage)]


def attachment_bytes(part: ParsedMessage) -> bytes:
    """An attachment's content as the recipient would save it."""
    content = part.get_payload(decode=True)
    return content if isinstance(content, bytes) else b""


def _row(message: EmailMessage) -> OutboxEmail:
    raw = message.message().as_string()
    mail = parsed(raw)
    text = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    recipients = [*message.to, *message.cc, *message.bcc]
    files: list[dict[str, Any]] = []
    for part in attachment_parts(mail):
        files.append(
            {
                "filename": part.get_filename() or "attachment",
                "content_type": part.get_content_type(),
                "size": len(attachment_bytes(part)),
            }
        )
    return OutboxEmail(
        subject=str(mail["Subject"] or "")[:998],
        from_email=str(message.from_email or "")[:320],
        recipients="\n".join(r.strip().lower() for r in recipients),
        body=text.get_content() if text is not None else "",
        html=html.get_content() if html is not None else "",
        attachments=files,
        raw=raw,
    )


class OutboxBackend(BaseEmailBackend):
    """Keeps every message in :class:`OutboxEmail` instead of sending it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = [_row(m) for m in email_messages if m.recipients()]
        OutboxEmail.objects.bulk_create(rows)
        return len(rows)
