"""French for error pages and sign-in dead ends, keyed by the English text (missing entries fall back to English)."""

FR_ERRORS: dict[str, str] = {
    # titles and ways back (error.html, events.html, signin*.html, web/errors.py)
    "Sorry": "Désolé", "Please wait": "Veuillez patienter", "Where to go from here": "Où aller maintenant",
    "Back to the page I came from": "Revenir à la page précédente", "Back to the console": "Revenir à la console",
"Sign in to this event": "Se connecter à cet événement",
    "Back to sign-in": "Revenir à la connexion", "All events": "Tous les événements", "Events": "Événements",
    "Open my pages": "Ouvrir mes pages", "Sign in to %(event)s": "Se connecter à %(event)s",
    "Sign in with an access code instead": "Se connecter plutôt avec un code d'accès",
    "There is no event here yet.": "Il n'y a encore aucun événement ici.",
    "No event yet. Load the demo with forum demo (or forum serve --demo) or import one with forum import-instance "
    "FILE.json.": "Aucun événement pour l'instant. Chargez la démonstration avec forum demo (ou forum serve "
                  "--demo) ou importez-en un avec forum import-instance FICHIER.json.",
    "%(attendees)s attendees · %(wishes)s wishes · %(slots)s slots · %(places)s tables and rooms · %(meetings)s "
    "meetings": "%(attendees)s participants · %(wishes)s souhaits · %(slots)s créneaux · %(places)s tables et "
                "salles · %(meetings)s rendez-vous",
    # the app's own refusals
    "There is no page at this address. Check the link, or start again from one of the links below.":
        "Il n'y a pas de page à cette adresse. Vérifiez le lien, ou repartez de l'un des liens ci-dessous.",
    "This address does not take this kind of request. Start again from one of the links below.":
        "Cette adresse n'accepte pas ce type de requête. Repartez de l'un des liens ci-dessous.",
    "The schedule store is unavailable right now; please try again shortly.":
        "Le stockage du planning est indisponible pour le moment ; réessayez dans un instant.",
    "The schedule store is full, so nothing can be saved right now and your change was not made; please tell "
    "the organizers.": "Le stockage du planning est plein : rien ne peut être enregistré et votre modification "
                       "n'a pas été faite ; prévenez les organisateurs.",
    "Something went wrong on our side; it has been logged.":
        "Une erreur s'est produite de notre côté ; elle a été enregistrée.",
    "Please sign in to see this page.": "Connectez-vous pour voir cette page.",
    "You are signed in for another event.": "Vous êtes connecté pour un autre événement.",
    "This page is for the event's organizers.": "Cette page est réservée aux organisateurs de l'événement.",
    # sign-in refusals (services/signin/access.py, limits.py)
    "This sign-in link has expired. Ask the organizers for a new one.":
        "Ce lien de connexion a expiré. Demandez-en un nouveau aux organisateurs.",
    "This sign-in link is not valid. Check that it was copied whole.":
        "Ce lien de connexion n'est pas valide. Vérifiez qu'il a été copié en entier.",
    "This sign-in link is not valid.": "Ce lien de connexion n'est pas valide.",
    "This sign-in link was already used. Ask for a new one or sign in with your access code.":
        "Ce lien de connexion a déjà servi. Demandez-en un nouveau ou connectez-vous avec votre code d'accès.",
    "Choose your event.": "Choisissez votre événement.",
    "There is no such event here. Choose your event from the list.":
        "Cet événement n'existe pas ici. Choisissez votre événement dans la liste.",
    "Enter the 10-character access code from your invitation.":
        "Saisissez le code d'accès de 10 caractères de votre invitation.",
    "An access code has 10 characters: letters and the digits 2 to 9 (there is no 0, O, 1 or I).":
        "Un code d'accès a 10 caractères : des lettres et les chiffres 2 à 9 (sans 0, O, 1 ni I).",
    "That access code is not valid for this event.": "Ce code d'accès n'est pas valide pour cet événement.",
    "Signing in with access codes is paused for this event for up to an hour after too many wrong codes. Use the "
    "personal link from your invitation, or ask the forum desk.":
        "La connexion par code est suspendue pour cet événement pendant une heure au plus après trop de codes "
        "erronés. Utilisez le lien personnel de votre invitation, ou adressez-vous à l'accueil du forum.",
    "Too many wrong access codes from your network. Please wait 15 minutes, or use the personal link from your "
    "invitation.": "Trop de codes erronés depuis votre réseau. Patientez 15 minutes, ou utilisez le lien "
                   "personnel de votre invitation.",
}
