"""Use cases, grouped by domain; the web and the workers reach the store and the search only through here."""
