"""French for the market floor (check-in, no-show, standby offers) (English text as key)."""

FR_FLOOR: dict[str, str] = {
    # Check-in on a meeting card (attendee/_checkin.html)
    "We're here": "Nous sommes là",
    "No-show": "Absent",
    "You are both here.": "Vous êtes là tous les deux.",
    "You checked in.": "Vous avez signalé votre présence.",
    "They are here: join them at the table.": "L'autre partie est là : rejoignez-la à la table.",
    # Standby offers (attendee/_offers.html)
    "Free now": "Disponible maintenant",
    "is free at %(time)s, %(table)s — take it?": "est disponible à %(time)s, %(table)s — vous prenez ?",
    "Take it": "Je prends",
    "Not for me": "Pas pour moi",
    # The organizers' attendance panel (organizer/_attendance.html)
    "Attendance today": "Présence aujourd'hui",
    "Check-ins and no-shows today": "Présences et absences du jour",
    "checked in": "présents",
    "no-shows": "absents",
    "waiting": "en attente",
    "Slot": "Créneau",
    "now": "en cours",
    "No meetings today.": "Aucun rendez-vous aujourd'hui.",
    "No-shows": "Absences",
    "reported by": "signalée par",
    "No no-show reported today.": "Aucune absence signalée aujourd'hui.",
    # What the floor refuses (services/floor), shown on the error page and in the phone's notice
    "Tap “we're here” or “no-show”.": "Touchez « Nous sommes là » ou « Absent ».",
    "This meeting was already reported as a no-show.": "Une absence a déjà été signalée pour ce rendez-vous.",
    "This meeting is cancelled.": "Ce rendez-vous est annulé.",
    "This meeting is declined.": "Ce rendez-vous est refusé.",
    "Check-in is open from 10 minutes before the meeting until its end.":
        "On signale sa présence de 10 minutes avant le rendez-vous jusqu'à sa fin.",
    "The other side has checked in: they should be at the table.":
        "L'autre partie a signalé sa présence : elle devrait être à la table.",
    "Too many changes at once to this meeting; please try again.":
        "Trop de changements à la fois sur ce rendez-vous ; réessayez.",
    "There is no such offer.": "Cette proposition n'existe pas.",
    "Someone else took this slot.": "Quelqu'un d'autre a pris ce créneau.",
    "You took this slot already.": "Vous avez déjà pris ce créneau.",
    "This offer is not open yet.": "Cette proposition n'est pas encore ouverte.",
    "This offer has expired: the slot can no longer be taken.":
        "Cette proposition a expiré : le créneau ne peut plus être pris.",
    "Your request is no longer open, or already has a meeting.":
        "Votre demande n'est plus ouverte, ou a déjà un rendez-vous.",
    "The freed meeting is back on: this slot is no longer free.":
        "Le rendez-vous libéré est rétabli : ce créneau n'est plus libre.",
    "Someone in this meeting, or every table, is no longer free then.":
        "Quelqu'un de ce rendez-vous, ou chaque table, n'est plus libre à cette heure.",
    "Many people are taking offers right now; please try again.":
        "Beaucoup de propositions sont prises en ce moment ; réessayez.",
    "We're here for the meeting with %(who)s": "Nous sommes là pour le rendez-vous avec %(who)s",
    "No-show: %(who)s did not come": "Absent : %(who)s n'est pas venu",
}
