"""View models and SVG charts for the pages, built from what the services return."""
