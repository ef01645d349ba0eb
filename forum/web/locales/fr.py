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
    # where my requests stand, why the published schedule leaves one out, what would help
    "Why": "Pourquoi", "What would help": "Ce qui aiderait", "What could help?": "Qu'est-ce qui aiderait ?",
    "and": "et",
    "Accepted, waiting for a time": "Accepté, en attente d'un horaire", "Scheduled": "Programmé",
    "Not in the published schedule": "Absent du planning publié", "Meeting cancelled": "Rendez-vous annulé",
    "you have reached your limit of %(n)s meetings": "vous avez atteint votre limite de %(n)s rendez-vous",
    "your days are full (%(n)s meetings a day)": "vos journées sont complètes (%(n)s rendez-vous par jour)",
    "your free time went to other meetings": "votre temps libre est pris par d'autres rendez-vous",
    "%(who)s has reached the limit of %(n)s meetings": "%(who)s a atteint sa limite de %(n)s rendez-vous",
    "%(who)s's days are full (%(n)s meetings a day)":
        "les journées de %(who)s sont complètes (%(n)s rendez-vous par jour)",
    "you have reached your limit of one meeting": "vous avez atteint votre limite d'un rendez-vous",
    "your days are full (one meeting a day)": "vos journées sont complètes (un rendez-vous par jour)",
    "%(who)s has reached the limit of one meeting": "%(who)s a atteint sa limite d'un rendez-vous",
    "%(who)s's days are full (one meeting a day)": "les journées de %(who)s sont complètes (un rendez-vous par jour)",
    "%(who)s's free time went to other meetings": "le temps libre de %(who)s est pris par d'autres rendez-vous",
    "%(everyone)s have no free time in common": "%(everyone)s n'avez aucun moment libre en commun",
    "you": "vous",
    "every time you share with %(target)s clashes with a pitch or panel session":
        "tous vos moments libres communs avec %(target)s tombent pendant une session de pitch ou un jury",
    "the last schedule run ended before it could place this meeting; the next run may":
        "le dernier calcul du planning s'est terminé avant de placer ce rendez-vous ; le prochain le pourra",
    "the last schedule run was stopped before it could place this meeting; the next run may":
        "le dernier calcul du planning a été arrêté avant de placer ce rendez-vous ; le prochain le pourra",
    "every table is taken at the times you share with %(target)s":
        "toutes les tables sont prises aux moments que vous partagez avec %(target)s",
    "the times you share with %(target)s went to other meetings":
        "vos moments communs avec %(target)s sont pris par d'autres rendez-vous",
    "%(everyone)s are free together only on %(times)s, outside the days you chose":
        "%(everyone)s n'êtes libres ensemble que %(times)s, en dehors des jours choisis",
    "you and %(target)s are both free only on %(times)s, when every table is taken":
        "%(target)s et vous n'êtes libres tous les deux que %(times)s, quand toutes les tables sont prises",
    "a must-meet request of yours took the time you share with %(target)s":
        "une de vos demandes indispensables a pris le créneau que vous partagez avec %(target)s",
    "a must-meet request of %(requester)s took the time you share with %(target)s":
        "une demande indispensable de %(requester)s a pris le créneau que vous partagez avec %(target)s",
    "your other meetings took the times you share with %(target)s":
        "vos autres rendez-vous ont pris les moments que vous partagez avec %(target)s",
    "%(requester)s's other meetings took the times you share with %(target)s":
        "les autres rendez-vous de %(requester)s ont pris les moments que vous partagez avec %(target)s",
    "the published schedule could not place it": "le planning publié n'a pas pu le placer",
    "a colleague of %(target)s (%(name)s, same company) has free slots on %(days)s":
        "un collègue de %(target)s (%(name)s, même société) a des créneaux libres %(days)s",
    "one possible slot": "un créneau possible", "%(n)s possible slots": "%(n)s créneaux possibles",
    "asking again with %(day)s among your preferred days would give %(slots)s":
        "redemander en ajoutant %(day)s à vos jours préférés donnerait %(slots)s",
    "widening your availability to %(day)s %(half)s would give %(slots)s":
        "élargir vos disponibilités au %(day)s %(half)s donnerait %(slots)s",
    "morning": "matin", "afternoon": "après-midi",
    # accepting a request no time can exist for (web/attendee/answers.py, attendee/confirm_accept.html)
    "No common time": "Aucun horaire commun", "Accept anyway": "Accepter quand même",
    "You and the people in this request are never available at the same time.":
        "Vous et les personnes de cette demande n'êtes jamais disponibles en même temps.",
    "Someone in this request has reached their limit of meetings.":
        "Une personne de cette demande a atteint sa limite de rendez-vous.",
    "You have reached your limit of meetings.": "Vous avez atteint votre limite de rendez-vous.",
    "Every time you share is already taken by accepted meetings, pitches or panel sessions.":
        "Chaque horaire commun est déjà pris par des rendez-vous acceptés, des pitchs ou des jurys.",
    "No table is free at any time you share.": "Aucune table n'est libre aux horaires communs.",
    "If you accept anyway, the request stays accepted without a time and the organizers see it; "
    "no schedule can place it until this changes.":
        "Si vous acceptez quand même, la demande reste acceptée sans horaire et les organisateurs le voient ; "
        "aucun planning ne pourra la placer tant que cela ne change pas.",
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
    # request limits (services/attendees/requests.py, store/requests.py)
    "This person declined your request; you can ask again only if they reopen it.":
        "Cette personne a refusé votre demande ; vous ne pourrez redemander que si elle la rouvre.",
    "Colleagues can join only when your profile names your organization; ask the organizers to add it.":
        "Des collègues ne peuvent se joindre que si votre profil indique votre société ; "
        "demandez aux organisateurs de l'ajouter.",
    "You have sent or withdrawn 30 requests in the last 10 minutes; please wait a few minutes and try again.":
        "Vous avez envoyé ou retiré 30 demandes ces 10 dernières minutes ; attendez quelques minutes et réessayez.",
    "Reopen": "Rouvrir",
    "Reopened: the request is waiting for your answer again.": "Rouverte : la demande attend de nouveau votre réponse.",
    "This person has another open request to you; answer that one instead.":
        "Cette personne vous a adressé une autre demande en cours ; répondez plutôt à celle-ci.",
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
