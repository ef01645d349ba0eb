"""Use cases on top of the store: imports, demo data, requests, runs, publishing."""
