"""`python -m forum` runs the command line."""

from forum.cli import main

raise SystemExit(main())
