"""Handing one mail to the SMTP server named by FORUM_SMTP_URL (stdlib smtplib), and which failures are worth
another try."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from forum.config import SmtpServer

TIMEOUT = 30  # seconds per SMTP step


class Refused(Exception):
    """The server refused this mail for good (5xx: no such mailbox...): trying again would not help."""


def message(sender: str, to: str, name: str, subject: str, body: str, stop: str = "") -> EmailMessage:
    """A plain-text UTF-8 mail; `stop` becomes the List-Unsubscribe header."""
    if any(c in to for c in "\r\n<>,") or "@" not in to:
        raise Refused(f"{to[:80]!r} is not an e-mail address")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, formataddr((name, to)), subject
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    if stop:
        mail["List-Unsubscribe"] = f"<{stop}>"
    mail.set_content(body)
    return mail


def _open(server: SmtpServer) -> smtplib.SMTP:
    if server.security == "tls":
        return smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=ssl.create_default_context())
    conn = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    if server.security == "starttls":
        conn.starttls(context=ssl.create_default_context())
    return conn


def send(server: SmtpServer, mail: EmailMessage) -> None:
    """Deliver to the server. Returns once it accepted the mail (after that nothing may undo "sent"); raises
    Refused for a permanent refusal and OSError / SMTPException for what another try may fix."""
    conn = _open(server)
    try:
        if server.username:
            conn.login(server.username, server.password)
        try:
            conn.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise Refused(f"the mail server refused the address ({codes[0]})") from None
            raise
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600 and exc.smtp_code not in (503,):
                raise Refused(f"the mail server refused the mail ({exc.smtp_code})") from None
            raise
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()  # the mail was handed over (or not) before this: a failing goodbye changes nothing
