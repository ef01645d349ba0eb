"""French for the buyer home (triage, shortlist, bulk decline, undo) (English text as key)."""

FR_TRIAGE: dict[str, str] = {
    "%(n)s match": "%(n)s correspondent",
    "%(n)s proposed meetings to answer": "%(n)s rendez-vous proposés à confirmer",
    "%(n)s requests waiting": "%(n)s demandes en attente",
    "1 proposed meeting to answer": "1 rendez-vous proposé à confirmer",
    "1 request waiting": "1 demande en attente",
    "Accept the meeting with %(who)s": "Accepter le rendez-vous avec %(who)s",
    "Accept the request from %(who)s": "Accepter la demande de %(who)s",
    "Decline the meeting with %(who)s": "Refuser le rendez-vous avec %(who)s",
    "Decline the request from %(who)s": "Refuser la demande de %(who)s",
    "Select the request from %(who)s": "Sélectionner la demande de %(who)s",
    "Keep the request from %(who)s on my shortlist": "Garder la demande de %(who)s dans ma sélection",
    "Undo the decline of the meeting with %(who)s": "Annuler le refus du rendez-vous avec %(who)s",
    "Undo": "Annuler",
    "Undone: the meeting is back as it was.": "Annulé : le rendez-vous est revenu tel qu'il était.",
    "Filter and sort": "Filtrer et trier",
    "Importance": "Importance",
    "Sort by": "Trier par",
    "Newest": "Plus récentes",
    "Name": "Nom",
    "Company": "Société",
    "Shortlist only": "Ma sélection seulement",
    "Show": "Afficher",
    "Clear filters": "Effacer les filtres",
    "Showing %(a)s–%(b)s of %(n)s": "%(a)s–%(b)s sur %(n)s",
    "Pages of requests": "Pages de demandes",
    "No request matches these filters.": "Aucune demande ne correspond à ces filtres.",
    "No request is waiting for your answer.": "Aucune demande n'attend votre réponse.",
    "Decline selected…": "Refuser la sélection…",
    "Decline all %(n)s on this page…": "Refuser les %(n)s de cette page…",
    "Decline requests": "Refuser des demandes",
    "Decline %(n)s requests?": "Refuser %(n)s demandes ?",
    "Decline %(n)s requests": "Refuser %(n)s demandes",
    "Each producer is told that you declined. You can reopen a declined request later from the list of requests "
    "you answered.":
        "Chaque producteur est prévenu de votre refus. Vous pourrez rouvrir une demande refusée depuis la liste des "
        "demandes auxquelles vous avez répondu.",
    "Project": "Projet",
    # Refusals the pages show (the services' sentences)
    "Too late to undo: a decline is final after 10 seconds, and its time may already be offered to someone else.":
        "Trop tard pour annuler : un refus est définitif après 10 secondes, et ce créneau est peut-être déjà "
        "proposé à quelqu'un d'autre.",
    "One of these requests was answered or changed meanwhile; nothing was declined. Look at the list again.":
        "Une de ces demandes a reçu une réponse ou a changé entre-temps ; rien n'a été refusé. Regardez à nouveau "
        "la liste.",
    "Tick the requests to decline first.": "Cochez d'abord les demandes à refuser.",
    "Importance is one of: must, would_like, if_possible.":
        "L'importance est l'une de : must, would_like, if_possible.",
    "Sort by importance, newest, name or company.": "Triez par importance, date, nom ou société.",
}
