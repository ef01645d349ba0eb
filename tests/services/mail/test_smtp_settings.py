"""FORUM_SMTP_URL and the other mail settings, read in forum/config.py."""

from __future__ import annotations

import pytest

from forum.config import SmtpServer, load_settings
from forum.errors import InvalidInput


@pytest.mark.parametrize(("url", "expected"), [
    ("smtp://mailer:s%40cret@mail.example.org:2525", SmtpServer("mail.example.org", 2525, "plain", "mailer", "s@cret")),
    ("smtps://mail.example.org", SmtpServer("mail.example.org", 465, "tls")),
    ("smtp+starttls://u:p@mail.example.org", SmtpServer("mail.example.org", 587, "starttls", "u", "p")),
    ("smtp://127.0.0.1", SmtpServer("127.0.0.1", 25, "plain")),
])
def test_smtp_url_is_read(url: str, expected: SmtpServer) -> None:
    assert load_settings({"FORUM_SMTP_URL": url}).smtp == expected


def test_no_smtp_url_means_the_outbox() -> None:
    assert load_settings({}).smtp is None and load_settings({"FORUM_SMTP_URL": " "}).smtp is None


@pytest.mark.parametrize("url", ["http://mail.example.org", "mail.example.org:25", "smtp://", "smtp://h:99999",
                                 "smtp://h:port"])
def test_bad_smtp_url_is_refused_with_a_sentence(url: str) -> None:
    with pytest.raises(InvalidInput, match="FORUM_SMTP_URL"):
        load_settings({"FORUM_SMTP_URL": url})


def test_mail_retry_waits_and_morning_hour() -> None:
    found = load_settings({"FORUM_MAIL_RETRY": "1, 5,60", "FORUM_MAIL_MORNING_HOUR": "6",
                           "FORUM_MAIL_FROM": "forum@series-mania.fr"})
    assert (found.mail_retry, found.mail_morning_hour, found.mail_from) == ((1, 5, 60), 6, "forum@series-mania.fr")
    for bad in ({"FORUM_MAIL_RETRY": "soon"}, {"FORUM_MAIL_RETRY": "0"}, {"FORUM_MAIL_MORNING_HOUR": "24"}):
        with pytest.raises(InvalidInput):
            load_settings(bad)
