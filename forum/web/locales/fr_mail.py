"""French for mail settings, the stop link's page and the organizers' outbox (English text as key)."""

FR_MAIL: dict[str, str] = {
    "Mail settings": "Réglages des e-mails",
    "Saved.": "Enregistré.",
    "We mail you when someone asks to meet you, when your meetings change, and each morning of the event with "
    "your day's meetings. Sign-in mails always come.":
        "Nous vous écrivons quand quelqu'un demande à vous rencontrer, quand vos rendez-vous changent, et chaque "
        "matin de l'événement avec vos rendez-vous du jour. Les e-mails de connexion arrivent toujours.",
    "These mails": "Ces e-mails",
    "Send them to me": "Me les envoyer",
    "Do not send them": "Ne pas me les envoyer",
    "Language of my mails": "Langue de mes e-mails",
    "Save": "Enregistrer",
    "Choose whether you want these mails.": "Indiquez si vous voulez recevoir ces e-mails.",
    "Choose English or French for your mails.": "Choisissez l'anglais ou le français pour vos e-mails.",
    "Stop mails": "Ne plus recevoir d'e-mails",
    "Done: you will get no more mails about requests, meetings and your day's agenda. Sign-in mails still come.":
        "C'est fait : vous ne recevrez plus d'e-mails sur les demandes, les rendez-vous et votre agenda du jour. "
        "Les e-mails de connexion arrivent toujours.",
    "Change your mail settings": "Modifier vos réglages d'e-mails",
    "Stop the mails about requests, meetings and your day's agenda for %(name)s?":
        "Arrêter les e-mails sur les demandes, les rendez-vous et l'agenda du jour pour %(name)s ?",
    "Stop these mails": "Arrêter ces e-mails",
    "This unsubscribe link is not valid. Check that it was copied whole from the mail.":
        "Ce lien de désabonnement n'est pas valide. Vérifiez qu'il a été copié en entier depuis l'e-mail.",
    "This unsubscribe link is not valid.": "Ce lien de désabonnement n'est pas valide.",
    "This unsubscribe link is for someone who is no longer at this event.":
        "Ce lien de désabonnement concerne une personne qui ne participe plus à cet événement.",
    "This link is far too long to be one of ours. Check that it was copied whole.":
        "Ce lien est bien trop long pour venir de nous. Vérifiez qu'il a été copié en entier.",
    "Outbox": "Boîte d'envoi",
    "Mails go out through the mail server (FORUM_SMTP_URL); failed tries are tried again after a wait.":
        "Les e-mails partent par le serveur de messagerie (FORUM_SMTP_URL) ; un envoi qui échoue est retenté "
        "après un délai.",
    "No mail server is set (FORUM_SMTP_URL): mails stay here, in the outbox, for you to read and pass on.":
        "Aucun serveur de messagerie n'est configuré (FORUM_SMTP_URL) : les e-mails restent ici, dans la boîte "
        "d'envoi, pour que vous les lisiez et les transmettiez.",
    "Invite by mail": "Inviter par e-mail",
    "Attendee ids (separated by spaces or commas); empty: everyone":
        "Identifiants des participants (séparés par des espaces ou des virgules) ; vide : tout le monde",
    "Send invitations…": "Envoyer les invitations…",
    "Mails": "E-mails",
    "When": "Quand",
    "To": "À",
    "Subject": "Objet",
    "Kind": "Type",
    "Status": "Statut",
    "(written when it is sent)": "(rédigé à l'envoi)",
    "Newer": "Plus récents",
    "Older": "Plus anciens",
    "Page": "Page",
    "Pages": "Pages",
    "No mail yet.": "Aucun e-mail pour l'instant.",
    "Mail": "E-mail",
    "Tries": "Essais",
    "Language": "Langue",
    "Invitation": "Invitation",
    "New request": "Nouvelle demande",
    "Meetings changed": "Rendez-vous modifiés",
    "Day's agenda": "Agenda du jour",
    "Queued": "En attente",
    "Sending": "Envoi en cours",
    "Will try again": "Sera retenté",
    "Sent": "Envoyé",
    "In the outbox": "Dans la boîte d'envoi",
    "Failed": "Échec",
    "Not sent": "Non envoyé",
    "The page number must be a whole number from 1.": "Le numéro de page doit être un nombre entier à partir de 1.",
    "Each of these %(n)s attendees gets a mail with a fresh sign-in link and a NEW access code: codes sent before "
    "stop working.":
        "Chacun de ces %(n)s participants reçoit un e-mail avec un nouveau lien de connexion et un NOUVEAU code "
        "d'accès : les codes envoyés avant cessent de fonctionner.",
    "Sending this form again sends nothing more.": "Renvoyer ce formulaire n'envoie rien de plus.",
    "Send invitations by mail?": "Envoyer les invitations par e-mail ?",
    "Send invitations (%(n)s)": "Envoyer les invitations (%(n)s)",
    "No mail for %(n)s attendees without an e-mail address: %(names)s":
        "Pas d'e-mail pour %(n)s participants sans adresse e-mail : %(names)s",
    "%(n)s invitation mails queued.": "%(n)s e-mails d'invitation en attente d'envoi.",
}
