"""French for the attendee pages, keyed by the English text (missing entries fall back to English)."""

FR: dict[str, str] = {
    # navigation and page titles
    "Main": "Principal", "Agenda": "Agenda", "Requests": "Demandes", "People": "Annuaire",
    "Sign out": "Se déconnecter", "My agenda": "Mon agenda", "My requests": "Mes demandes",
    # agenda
    "Meeting requests": "Demandes de rendez-vous", "Proposed meetings": "Rendez-vous proposés",
    "Next meeting": "Prochain rendez-vous", "Accept": "Accepter", "Decline": "Refuser",
    "Waiting for an answer": "En attente de réponse",
    "No meetings yet. They appear here once the schedule is published.":
        "Pas encore de rendez-vous. Ils apparaîtront ici dès la publication du planning.",
    "Printable agenda": "Agenda imprimable", "Subscribe in my calendar": "S'abonner dans mon calendrier",
    "Download .ics": "Télécharger .ics", "Print": "Imprimer", "Back to my agenda": "Retour à mon agenda",
    "Time": "Heure", "Table": "Table", "With": "Avec", "with": "avec", "Status": "Statut",
    "Times are local to the event": "Heures locales de l'événement",
    # directory and profile
    "Search": "Rechercher", "Name, company, genre…": "Nom, société, genre…", "Filters": "Filtres",
    "Role": "Rôle", "Any": "Tous", "Country": "Pays", "Organization": "Société", "Looking for": "Recherche",
    "%(n)s people": "%(n)s participants", "Nobody matches this search.": "Personne ne correspond à cette recherche.",
    "Previous": "Précédent", "Next": "Suivant", "Title": "Fonction",
    "Request a meeting": "Demander un rendez-vous", "How important is it?": "Quelle importance ?",
    "Must meet": "Indispensable", "Would like to": "Souhaité", "If possible": "Si possible",
    "Message": "Message", "optional, up to %(n)s characters": "facultatif, %(n)s caractères au plus",
    "optional": "facultatif", "Colleagues who join": "Collègues présents", "Preferred days": "Jours préférés",
    "Send request": "Envoyer la demande", "Your request": "Votre demande",
    "This attendee does not take meeting requests.": "Ce participant ne reçoit pas de demandes de rendez-vous.",
    # requests
    "Withdraw": "Retirer", "asked by": "demandé par", "Requests I answered": "Demandes auxquelles j'ai répondu",
    "You have not requested any meeting yet.": "Vous n'avez encore demandé aucun rendez-vous.",
    "Find people": "Trouver des participants",
    "Your request was sent.": "Votre demande a été envoyée.",
    "Your request was withdrawn.": "Votre demande a été retirée.",
    "Accepted.": "Accepté.", "Declined.": "Refusé.",
    # statuses, importance, roles
    "Pending": "En attente", "Accepted": "Accepté", "Declined": "Refusé", "Withdrawn": "Retiré",
    "Proposed": "Proposé", "Cancelled": "Annulé",
    "Must": "Indispensable", "Would like": "Souhaité",
    "Producer": "Producteur", "Buyer": "Acheteur", "Distributor": "Distributeur", "Commissioner": "Diffuseur",
    "Financier": "Financeur", "Organizer": "Organisateur", "Other": "Autre",
    # days and months (strftime gives English names whatever the locale)
    "Monday": "lundi", "Tuesday": "mardi", "Wednesday": "mercredi", "Thursday": "jeudi", "Friday": "vendredi",
    "Saturday": "samedi", "Sunday": "dimanche",
    "January": "janvier", "February": "février", "March": "mars", "April": "avril", "May": "mai", "June": "juin",
    "July": "juillet", "August": "août", "September": "septembre", "October": "octobre", "November": "novembre",
    "December": "décembre",
    # messages from the request form
    "Choose whom you want to meet.": "Choisissez qui vous souhaitez rencontrer.",
    "Choose how important the meeting is: must, would like or if possible.":
        "Indiquez l'importance du rendez-vous : indispensable, souhaité ou si possible.",
    "The message is too long: at most 500 characters.": "Le message est trop long : 500 caractères au plus.",
    "Preferred days must be days of the event.": "Les jours préférés doivent être des jours de l'événement.",
    "Colleagues must be other attendees of this event.":
        "Les collègues doivent être d'autres participants de l'événement.",
    "Choose at most 5 colleagues.": "Choisissez 5 collègues au plus.",
    "You cannot ask yourself for a meeting.": "Vous ne pouvez pas vous demander un rendez-vous.",
    "You pitch": "Vous pitchez", "Pitch session": "Session de pitch",
    "All %(n)s requests": "Les %(n)s demandes",
    "Calendar address (keep it private)": "Adresse du calendrier (gardez-la pour vous)",
    # refused forms
    "Please check": "À vérifier", "Not found": "Introuvable", "Not allowed": "Non autorisé",
    "Already changed": "Déjà modifié", "Back": "Retour",
    "There is no such request.": "Cette demande n'existe pas.",
    "There is no such meeting.": "Ce rendez-vous n'existe pas.",
    "There is no such attendee at this event.": "Ce participant n'existe pas dans cet événement.",
    "This meeting has just moved; check its new time and answer again.":
        "Ce rendez-vous vient d'être déplacé ; vérifiez le nouvel horaire et répondez à nouveau.",
    "Only the person asked can accept this meeting.": "Seule la personne sollicitée peut accepter ce rendez-vous.",
    "You already asked this person for a meeting.": "Vous avez déjà demandé un rendez-vous à cette personne.",
    "Answer with accept or decline.": "Répondez par accepter ou refuser.",
    "This form has expired or did not come from this site. Reload the page and try again.":
        "Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page et réessayez.",
    "One of the fields is far too long.": "L'un des champs est bien trop long.",
    "This form is far too large.": "Ce formulaire est bien trop volumineux.",
    # sign-in
    "Sign in": "Se connecter", "Event": "Événement", "Access code": "Code d'accès", "Welcome": "Bienvenue",
    "Open the personal link from your invitation, or enter your access code.":
        "Ouvrez le lien personnel de votre invitation, ou saisissez votre code d'accès.",
    "No code? Ask the forum desk or the organizers for a new invitation.":
        "Pas de code ? Demandez une nouvelle invitation à l'accueil du forum ou aux organisateurs.",
    "Tap the button to sign in on this device. The link works once.":
        "Touchez le bouton pour vous connecter sur cet appareil. Le lien ne sert qu'une fois.",
}
