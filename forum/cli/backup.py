"""Backup commands: `forum backup EVENT --out FILE` and `forum restore FILE` (forum-backup/1)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from forum.cli.data import connected
from forum.cli.files import read_json, write_text_atomic
from forum.services.setup import backup


def cmd_backup(args: argparse.Namespace) -> int:
    doc = backup.backup_event(connected(), args.event)
    write_text_atomic(args.out, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"backed up {args.event}: {len(doc['records'])} records to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    doc = read_json(args.file)  # refused before the store is asked anything
    event, count = backup.restore_event(connected(), doc)
    print(f"restored {event.id} ({event.name}): {count} records from {args.file}")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("backup", help=f"write one event, every record of it, as {backup.BACKUP_FORMAT} JSON")
    p.add_argument("event")
    p.add_argument("--out", required=True, help="file to write (replaced whole, never half-written)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help=f"replace an event with a {backup.BACKUP_FORMAT} file's records")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
