"""French for offline pages and the installed app, keyed by the English text (missing entries fall back to English)."""

FR_OFFLINE: dict[str, str] = {
    "Offline, updated {time}": "Hors ligne, mis à jour à {time}",
    "No connection": "Pas de connexion",
    "This page is not kept on this phone, so it needs a network.":
        "Cette page n’est pas gardée sur ce téléphone : il lui faut du réseau.",
    "Your agenda is kept once you have opened it online: it still shows without a network.":
        "Votre agenda est gardé dès que vous l’avez ouvert en ligne : il s’affiche même sans réseau.",
    "Try again": "Réessayer",
    "Your meetings and agenda at the market, also without a network.":
        "Vos rendez-vous et votre agenda au marché, même sans réseau.",
}
