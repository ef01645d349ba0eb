"""French for the organizer console, keyed by the English text (missing entries fall back to English)."""

FR_CONSOLE: dict[str, str] = {
    # navigation and page titles
    "Organizer console": "Console des organisateurs", "Dashboard": "Tableau de bord",
    "Setup": "Configuration", "Attendees": "Participants", "Runs": "Calculs", "Meetings": "Rendez-vous",
    "Left out": "Laissés de côté", "Exports": "Exports", "Actions": "Actions", "Pages": "Pages",
    "Page %(page)s of %(pages)s": "Page %(page)s sur %(pages)s",
    # dashboard
    "Published schedule": "Planning publié", "meetings met of %(n)s wishes": "rendez-vous tenus sur %(n)s souhaits",
    "value (weight met)": "valeur (poids satisfait)", "requesters with no meeting": "demandeurs sans rendez-vous",
    "idle gaps between meetings": "temps morts entre rendez-vous",
    "accepted · %(n)s declined": "acceptés · %(n)s refusés", "locked meetings": "rendez-vous verrouillés",
    "attendees · %(n)s tables": "participants · %(n)s tables",
    "published run · version %(n)s": "calcul publié · version %(n)s", "Table occupancy": "Occupation des tables",
    "Meetings per attendee": "Rendez-vous par participant", "Met share per requester": "Part satisfaite par demandeur",
    "Latest runs": "Derniers calculs", "Latest changes": "Dernières modifications", "No run yet.": "Aucun calcul.",
    "Start one": "En lancer un", "No hand change yet.": "Aucune modification manuelle.",
    "run": "calcul", "status": "statut", "when": "quand", "who": "qui", "what": "quoi", "detail": "détail",
    # figures and weights
    "value": "valeur", "met": "tenus", "unserved": "sans rendez-vous", "gaps": "temps morts", "moved": "déplacés",
    "bound": "borne", "phase": "phase", "figure": "indicateur", "weights": "poids", "default": "par défaut",
    "time limit": "durée maximale", "limit": "limite", "moves": "déplacements",
    "moves budget": "budget de déplacements",
    "published": "publié",
    # run and meeting statuses
    "queued": "en file", "running": "en cours", "finished": "terminé", "failed": "échoué", "cancelled": "annulé",
    "proposed": "proposé", "accepted": "accepté", "declined": "refusé", "locked": "verrouillé", "any": "tous",
    # audit actions
    "lock": "verrouillage", "unlock": "déverrouillage", "cancel": "annulation", "move": "déplacement",
    "place": "placement", "import event": "import de l'événement", "sign-in link": "lien de connexion",
    "new access code": "nouveau code d'accès", "new access codes": "nouveaux codes d'accès",
    "sign-in links": "liens de connexion",
    # roles the console shows in lower case
    "Ambassador": "Ambassadeur",
    # runs
    "Solver runs": "Calculs du planning", "Start a run": "Lancer un calcul",
    "Accepted and locked meetings never move. Higher weights matter more.":
        "Les rendez-vous acceptés et verrouillés ne bougent jamais. Un poids plus élevé compte davantage.",
    "Time limit (seconds)": "Durée maximale (secondes)", "Moves budget": "Budget de déplacements",
    "published meetings and pitches the run may move: a number (12) or a share (2%)":
        "rendez-vous et pitchs publiés que le calcul peut déplacer : un nombre (12) ou une part (2%)",
    "Start run": "Lancer le calcul", "Compare two runs": "Comparer deux calculs", "Left": "Gauche",
    "Right": "Droite", "Compare": "Comparer", "Two finished runs are needed.": "Il faut deux calculs terminés.",
    "All runs": "Tous les calculs",
    "A run is waiting, but no worker is running: start one (forum worker) or restart forum serve.":
        "Un calcul attend, mais aucun worker ne tourne : lancez-en un (forum worker) ou relancez forum serve.",
    "Run %(run)s": "Calcul %(run)s", "Time limit %(n)s s": "Durée maximale %(n)s s",
    "Time used of the run's limit": "Temps écoulé sur la durée maximale du calcul",
    "Cancel run…": "Arrêter le calcul…", "Publish this schedule…": "Publier ce planning…",
    "Publish this schedule": "Publier ce planning",
    # confirmations
    "What will happen": "Ce qui va se passer", "Go back without changing anything": "Revenir sans rien changer",
    "Publish run %(run)s?": "Publier le calcul %(run)s ?",
    "%(added)s meetings will be added, %(moved)s moved and %(removed)s removed.":
        "%(added)s rendez-vous seront ajoutés, %(moved)s déplacés et %(removed)s supprimés.",
    "%(n)s pitches will change.": "%(n)s pitchs vont changer.",
    "%(n)s attendees whose meetings change are told on their phones at once.":
        "%(n)s participants dont les rendez-vous changent sont prévenus aussitôt sur leur téléphone.",
    "This is the first publish: attendees see a schedule for the first time.":
        "C'est la première publication : les participants voient un planning pour la première fois.",
    "Accepted and locked meetings, and answers given meanwhile, are kept.":
        "Les rendez-vous acceptés et verrouillés, et les réponses données entre-temps, sont conservés.",
    "Stop run %(run)s?": "Arrêter le calcul %(run)s ?", "Stop the run": "Arrêter le calcul",
    "The solver stops; the best schedule it has found so far is kept and can still be published.":
        "Le solveur s'arrête ; le meilleur planning trouvé jusque-là est conservé et peut encore être publié.",
    "Nothing is published and nobody is told.": "Rien n'est publié et personne n'est prévenu.",
    "Cancel meeting %(meeting)s?": "Annuler le rendez-vous %(meeting)s ?",
    "The meeting is cancelled and its table and time are freed; this cannot be undone.":
        "Le rendez-vous est annulé, sa table et son horaire sont libérés ; c'est définitif.",
    "Told at once on their phones: %(people)s.": "Prévenus aussitôt sur leur téléphone : %(people)s.",
    "Cancel the meeting": "Annuler le rendez-vous",
    "Nothing was imported: tick the box saying the file replaces the whole event, its attendees, requests and "
    "schedule, then send it again.":
        "Rien n'a été importé : cochez la case indiquant que le fichier remplace tout l'événement, ses "
        "participants, ses demandes et son planning, puis envoyez-le de nouveau.",
    "Nothing was imported: tick the box saying the file adds and updates attendees, then send it again.":
        "Rien n'a été importé : cochez la case indiquant que le fichier ajoute et met à jour des participants, "
        "puis envoyez-le de nouveau.",
    # compare
    "Compare %(left)s and %(right)s": "Comparer %(left)s et %(right)s", "Figures": "Indicateurs",
    "As each run recorded them when it ended, the same figures as the runs list.":
        "Tels que chaque calcul les a enregistrés à sa fin : les mêmes que dans la liste des calculs.",
    "Satisfaction per requester role": "Satisfaction par rôle du demandeur",
    "Share of the weight each role asked for that the schedule meets.":
        "Part du poids demandé par chaque rôle que le planning satisfait.",
    "role": "rôle", "%(n)s meetings differ": "%(n)s rendez-vous diffèrent", "who meets whom": "qui rencontre qui",
    "change": "changement", "other table": "autre table", "only in %(run)s": "seulement dans %(run)s",
    "not met": "non tenu", "Showing the first %(n)s.": "Les %(n)s premiers sont affichés.",
    "The two schedules are the same.": "Les deux plannings sont identiques.",
    # attendees
    "Sign-in for %(name)s": "Connexion pour %(name)s",
    "Link (single use, valid for 7 days):": "Lien (à usage unique, valable 7 jours) :",
    "New access code:": "Nouveau code d'accès :",
    "Shown this once: only a hash of it is kept. Their previous code no longer works.":
        "Affiché cette seule fois : seule son empreinte est conservée. Son code précédent ne fonctionne plus.",
    "Send to %(email)s": "À envoyer à %(email)s", "Import from CSV": "Importer un CSV",
    "Adds or updates attendees; a file with any bad row is refused whole, with the lines to fix.":
        "Ajoute ou met à jour des participants ; un fichier avec une seule ligne fautive est refusé en entier, "
        "avec les lignes à corriger.",
    "Attendee CSV file": "Fichier CSV des participants",
    "I understand: new ids are added and attendees with the same id are updated (name, role, availability, "
    "caps); nobody is removed or told.":
        "J'ai compris : les nouveaux identifiants sont ajoutés et les participants de même identifiant mis à "
        "jour (nom, rôle, disponibilités, plafonds) ; personne n'est supprimé ni prévenu.",
    "Import attendees": "Importer les participants", "Caps for one attendee": "Plafonds d'un participant",
    "Attendee id": "Identifiant du participant", "Meetings in all": "Rendez-vous au total", "Per day": "Par jour",
    "Save caps": "Enregistrer les plafonds",
    "Empty means no cap. Caps for a whole role are on the Setup page.":
        "Vide : pas de plafond. Les plafonds d'un rôle entier sont sur la page Configuration.",
    "Export and sign-in links": "Export et liens de connexion",
    "Download attendees (CSV)": "Télécharger les participants (CSV)",
    "with new access codes (every code sent before stops working)":
        "avec de nouveaux codes d'accès (tout code envoyé avant cesse de fonctionner)",
    "Download sign-in links for everyone (CSV)": "Télécharger les liens de connexion de tous (CSV)",
    "Each download makes a fresh single-use link per attendee; earlier links keep working until used or 7 days "
    "old.": "Chaque téléchargement crée un nouveau lien à usage unique par participant ; les liens précédents "
            "restent valables jusqu'à leur utilisation ou pendant 7 jours.",
    "%(n)s attendees": "%(n)s participants",
    "Search (name, company, email, country, role)": "Recherche (nom, société, e-mail, pays, rôle)",
    "Filter": "Filtrer", "id": "identifiant", "name": "nom", "organization": "société", "email": "e-mail",
    "country": "pays", "caps": "plafonds", "%(n)s/day": "%(n)s/jour", "Sign-in link": "Lien de connexion",
    "New access code": "Nouveau code d'accès", "Sign out everywhere": "Déconnecter partout",
    "The search is too long: at most 100 characters.": "La recherche est trop longue : 100 caractères au plus.",
    "There is no such role.": "Ce rôle n'existe pas.",
    # meetings
    "Move a meeting by hand": "Déplacer un rendez-vous à la main",
    "The move is checked against every rule (availability, overlaps, tables, caps); a clash is refused with the "
    "reason. A moved meeting is locked.":
        "Le déplacement est vérifié selon toutes les règles (disponibilités, chevauchements, tables, plafonds) ; "
        "un conflit est refusé avec sa raison. Un rendez-vous déplacé est verrouillé.",
    "Meeting": "Rendez-vous", "Slot": "Créneau", "Move": "Déplacer", "%(n)s meetings": "%(n)s rendez-vous",
    "Search (name, id, table, time)": "Recherche (nom, identifiant, table, heure)", "meeting": "rendez-vous",
    "table": "table", "Lock": "Verrouiller", "Unlock": "Déverrouiller", "Cancel…": "Annuler…",
    "Showing %(n)s of %(total)s; search to narrow.": "%(n)s affichés sur %(total)s ; affinez la recherche.",
    "Audit log": "Journal des modifications", "No change yet.": "Aucune modification.",
    # left out
    "Who is left out, and why": "Qui est laissé de côté, et pourquoi",
    "unmet wishes of %(n)s": "souhaits non tenus sur %(n)s",
    "Requesters with no meeting": "Demandeurs sans rendez-vous",
    "Every requester has at least one meeting.": "Chaque demandeur a au moins un rendez-vous.",
    "Unmet wishes, most important first": "Souhaits non tenus, les plus importants d'abord", "wish": "souhait",
    "from → to": "de → à", "weight": "poids", "reason": "raison", "nearest fix": "solution la plus proche",
    "Place request %(wish)s at %(slot)s, %(table)s": "Placer la demande %(wish)s à %(slot)s, %(table)s",
    "Place it there": "La placer ici",
    "Showing the %(n)s most important of %(total)s.": "Les %(n)s plus importants sur %(total)s sont affichés.",
    "Every open wish is met.": "Chaque souhait ouvert est tenu.",
    # exports and sheets
    "The published schedule": "Le planning publié", "Schedule (CSV)": "Planning (CSV)",
    "one row per meeting, with names, tables and times.": "une ligne par rendez-vous, avec noms, tables et heures.",
    "Schedule": "Planning", "for": "pour", "Instance": "Instance",
    "the whole event; accepted meetings as fixed.": "tout l'événement ; les rendez-vous acceptés comme fixes.",
    "Per-table sheets": "Feuilles par table", "to print for the market floor staff.":
        "à imprimer pour l'équipe du marché.", "Attendees (CSV)": "Participants (CSV)",
    "Table sheets": "Feuilles des tables", "One page per table.": "Une page par table.", "time": "heure",
    "No meeting at this table.": "Aucun rendez-vous à cette table.",
    # setup
    "Import the whole event": "Importer tout l'événement",
    "A forum-instance/1 JSON file (the demo events, or an export). It replaces slots, tables, attendees, wishes, "
    "pitch sessions and the schedule in one step; organizers missing from the file are kept.":
        "Un fichier JSON forum-instance/1 (les événements de démonstration, ou un export). Il remplace en une "
        "fois créneaux, tables, participants, souhaits, sessions de pitch et planning ; les organisateurs absents "
        "du fichier sont conservés.",
    "Instance JSON": "JSON de l'instance",
    "I understand: the file replaces the whole event — its %(n)s attendees, every request and answer, and the "
    "published schedule with every meeting. Attendees are not told; their agendas change at once.":
        "J'ai compris : le fichier remplace tout l'événement — ses %(n)s participants, chaque demande et réponse, "
        "et le planning publié avec tous ses rendez-vous. Les participants ne sont pas prévenus ; leurs agendas "
        "changent aussitôt.",
    "Import event": "Importer l'événement",
    "Times of slots, agendas and calendars are local to the time zone. An attendee with this many open requests "
    "(pending or accepted) must withdraw one before asking again.":
        "Les heures des créneaux, agendas et calendriers sont locales au fuseau horaire. Un participant ayant "
        "autant de demandes ouvertes (en attente ou acceptées) doit en retirer une avant d'en faire une autre.",
    "Time zone": "Fuseau horaire", "Open requests per attendee": "Demandes ouvertes par participant",
    "Save event settings": "Enregistrer les réglages", "Days and meeting slots": "Jours et créneaux",
    "Now: %(n)s slots over %(days)s": "Actuellement : %(n)s créneaux sur %(days)s", "no day": "aucun jour",
    "breaks on %(day)s: %(holes)s": "pauses le %(day)s : %(holes)s",
    "Saving gives every day the same hours and breaks.":
        "Enregistrer donne à chaque jour les mêmes horaires et pauses.",
    "Days (dates, separated by spaces)": "Jours (dates séparées par des espaces)", "From": "De", "To": "À",
    "Slot length (minutes)": "Durée d'un créneau (minutes)",
    "Breaks (e.g. 13:00-14:00; 16:00-16:15)": "Pauses (par ex. 13:00-14:00; 16:00-16:15)",
    "Save slots": "Enregistrer les créneaux", "Tables": "Tables", "Now:": "Actuellement :",
    "%(n)s in %(area)s": "%(n)s en %(area)s", "no table": "aucune table", "One line per area:": "Une ligne par zone :",
    "Save tables": "Enregistrer les tables", "Pitch sessions": "Sessions de pitch",
    "%(name)s (%(id)s): %(n)s pitch slots, panel %(panel)s":
        "%(name)s (%(id)s) : %(n)s créneaux de pitch, jury %(panel)s",
    "No pitch session.": "Aucune session de pitch.", "Id": "Identifiant", "Name": "Nom", "Room": "Salle",
    "Day": "Jour", "Start": "Début", "Pitches": "Pitchs", "Minutes each": "Minutes chacun",
    "Panel (attendee ids)": "Jury (identifiants)", "Projects, one per line:": "Projets, un par ligne :",
    "Save pitch session": "Enregistrer la session", "Caps per attendee": "Plafonds par participant",
    "attendees": "participants",
    # notes after a change (web/organizer/*.py)
    "Imported %(n)s attendees.": "%(n)s participants importés.",
    "%(who)s is signed out everywhere (sessions ended: %(n)s).":
        "%(who)s est déconnecté partout (sessions fermées : %(n)s).",
    "Caps saved for %(who)s.": "Plafonds enregistrés pour %(who)s.",
    "Request %(wish)s placed at %(slot)s, %(table)s, and locked.":
        "Demande %(wish)s placée à %(slot)s, %(table)s, et verrouillée.",
    "Meeting %(meeting)s: %(action)s done.": "Rendez-vous %(meeting)s : %(action)s, c'est fait.",
    "Meeting %(meeting)s moved to %(slot)s at %(table)s and locked.":
        "Rendez-vous %(meeting)s déplacé à %(slot)s, %(table)s, et verrouillé.",
    "Run %(run)s started.": "Calcul %(run)s lancé.", "Run %(run)s: stop requested.": "Calcul %(run)s : arrêt demandé.",
    "Run %(run)s cancelled.": "Calcul %(run)s annulé.",
    "Published %(run)s (version %(version)s): %(added)s added, %(moved)s moved, %(removed)s removed.":
        "%(run)s publié (version %(version)s) : %(added)s ajoutés, %(moved)s déplacés, %(removed)s supprimés.",
    "Pitches: %(moved)s moved, %(n)s changed in all.": "Pitchs : %(moved)s déplacés, %(n)s modifiés en tout.",
    "Imported the event: %(n)s attendees.": "Événement importé : %(n)s participants.",
}
