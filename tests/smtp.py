"""A real SMTP server for tests (aiosmtpd): messages go over the wire and are read back.

    with smtp_server() as inbox, inbox.django():
        send_mail(...)
    inbox.wait_for(1)
    inbox.messages[0].message["Subject"]

The pytest fixture ``smtp`` (in the tests' conftest) wraps this.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from django.test import override_settings

__all__ = ["Received", "Inbox", "smtp_server", "free_port"]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def attachments(self, content_type: str | None = None) -> list:
        return [
            a
            for a in self.message.iter_attachments()
            if content_type is None or a.get_content_type() == content_type
        ]


class Inbox:
    """Collects what the server receives (an aiosmtpd handler)."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.port = 0
        #: Addresses the server refuses (550), as a real server does for unknown mailboxes.
        self.refuse: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook name
        if address.lower() in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address.lower() in (r.lower() for r in m.rcpt_tos)]

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Received]:
        """Wait until at least ``count`` messages have arrived (a worker may still be sending)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def django(self):
        """Settings that send Django's mail to this server."""
        return override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server():
    """Run a real SMTP server on a free local port; yields its :class:`Inbox`."""
    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
