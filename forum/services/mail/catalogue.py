"""Every mail's words in English and French (services cannot use the web's catalogues); plain text."""

from __future__ import annotations

from datetime import datetime

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "invitation.subject": "Your sign-in for {event}",
        "invitation.body": (
            "Hello {name},\n\n"
            "Here is how to sign in to the meeting programme of {event}.\n\n"
            "Your personal sign-in link (valid 7 days, used once):\n{link}\n\n"
            "Your access code (keep it: it works on any phone):\n{code}\n"
            "Enter it at {signin}\n"),
        "request.subject": "{requester} asks to meet you at {event}",
        "request.body": (
            "Hello {name},\n\n"
            "{requester} asks to meet you at {event}.\n"
            "How much they want it: {importance}\n"
            "{message}"
            "\nAnswer the request here:\n{link}\n"),
        "request.message": "Their message: {message}\n",
        "importance.must": "must meet",
        "importance.would_like": "would like to meet",
        "importance.if_possible": "if possible",
        "published.subject": "Your meetings at {event} changed",
        "published.body": (
            "Hello {name},\n\n"
            "The schedule of {event} was updated. For you:\n\n{lines}\n\n"
            "Your agenda (accept or decline proposed meetings there):\n{link}\n"),
        "change.added": "New",
        "change.moved": "Moved",
        "change.removed": "Cancelled",
        "daily.subject": "Your meetings today at {event}, {day}",
        "daily.body": "Hello {name},\n\nYour programme for {day}:\n\n{lines}\n\nYour agenda:\n{link}\n",
        "with": "with {who}",
        "status.proposed": "(proposed: please answer)",
        "status.accepted": "",
        "pitch": "Pitch: {title}",
        "footer": ("\n--\nMails from the {event} meeting programme. To stop them (your sign-in mails still come):\n"
                   "{stop}\n"),
    },
    "fr": {
        "invitation.subject": "Votre connexion à {event}",
        "invitation.body": (
            "Bonjour {name},\n\n"
            "Voici comment vous connecter au programme de rendez-vous de {event}.\n\n"
            "Votre lien de connexion personnel (valable 7 jours, à usage unique) :\n{link}\n\n"
            "Votre code d'accès (gardez-le : il fonctionne sur n'importe quel téléphone) :\n{code}\n"
            "Saisissez-le sur {signin}\n"),
        "request.subject": "{requester} souhaite vous rencontrer à {event}",
        "request.body": (
            "Bonjour {name},\n\n"
            "{requester} souhaite vous rencontrer à {event}.\n"
            "Son intérêt : {importance}\n"
            "{message}"
            "\nRépondez à la demande ici :\n{link}\n"),
        "request.message": "Son message : {message}\n",
        "importance.must": "rencontre indispensable",
        "importance.would_like": "aimerait vous rencontrer",
        "importance.if_possible": "si possible",
        "published.subject": "Vos rendez-vous à {event} ont changé",
        "published.body": (
            "Bonjour {name},\n\n"
            "Le planning de {event} a été mis à jour. Pour vous :\n\n{lines}\n\n"
            "Votre agenda (acceptez ou refusez-y les rendez-vous proposés) :\n{link}\n"),
        "change.added": "Nouveau",
        "change.moved": "Déplacé",
        "change.removed": "Annulé",
        "daily.subject": "Vos rendez-vous aujourd'hui à {event}, {day}",
        "daily.body": "Bonjour {name},\n\nVotre programme du {day} :\n\n{lines}\n\nVotre agenda :\n{link}\n",
        "with": "avec {who}",
        "status.proposed": "(proposé : merci de répondre)",
        "status.accepted": "",
        "pitch": "Pitch : {title}",
        "footer": ("\n--\nMessages du programme de rendez-vous de {event}. Pour ne plus les recevoir (vos "
                   "messages de connexion arrivent toujours) :\n{stop}\n"),
    },
}

WEEKDAYS = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
            "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")}
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"),
          "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre")}


def language(wanted: str) -> str:
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


def text(lang: str, key: str, /, **values: str) -> str:
    return TEXTS[language(lang)][key].format(**values)


def day_name(lang: str, when: datetime) -> str:
    """'Tuesday 24 March' / 'mardi 24 mars'."""
    lang = language(lang)
    return f"{WEEKDAYS[lang][when.weekday()]} {when.day} {MONTHS[lang][when.month - 1]}"


def time_span(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"
