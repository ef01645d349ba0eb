"""Data commands: demo, import-instance, export-instance, import-attendees, export-attendees."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from forum.cli.files import day_argument, read_json, read_text, write_text_atomic
from forum.config import load_settings
from forum.domain.instance_json import dump_instance, parse_instance
from forum.errors import InvalidInput
from forum.services.setup import attendee_csv, demo, event_import
from forum.store import EventStore, connect
from forum.store.connection import Client


def _store() -> EventStore:
    return EventStore(connected())


def connected() -> Client:
    """A client of FORUM_REDIS_URL; a sentence when it is unset."""
    settings = load_settings()
    if settings.redis_url is None:
        raise InvalidInput("set FORUM_REDIS_URL to the Redis/Valkey of your forum (e.g. redis://127.0.0.1:6379/0)")
    return connect(settings.redis_url)


def cmd_demo(args: argparse.Namespace) -> int:
    client = _store().client
    for event in demo.load_demo(client, args.date):
        print(f"loaded {event}")
    settings = load_settings()
    origin = args.base_url or settings.link_origin
    if origin:
        for d in demo.demo_links(client, settings.secret_key, origin):
            print(f"sign in to {d.event} as the {d.role} {d.name}: {d.link}")
    return 0


def cmd_import_instance(args: argparse.Namespace) -> int:
    inst = parse_instance(read_json(args.file))
    store = _store()
    event_import.import_instance(store.client, inst, "command line")  # the console's path: indexes, audit
    counts = store.counts(inst.event.id)
    print(f"imported {inst.event.id}: {counts['attendee']} attendees, {counts['wish']} wishes, "
          f"{counts['slot']} slots, {counts['meeting']} meetings")
    return 0


def cmd_export_instance(args: argparse.Namespace) -> int:
    doc: dict[str, Any] = dump_instance(_store().export_instance(args.event))
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    if args.out:
        write_text_atomic(args.out, text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_import_attendees(args: argparse.Namespace) -> int:
    count = attendee_csv.import_attendees(_store().client, args.event, read_text(args.file), "command line")
    print(f"imported {count} attendees into {args.event}")
    return 0


def cmd_export_attendees(args: argparse.Namespace) -> int:
    sys.stdout.write(attendee_csv.export_attendees(_store().client, args.event))
    return 0


def cmd_signin_link(args: argparse.Namespace) -> int:
    from forum.services.signin import invitations

    settings = load_settings()
    client = _store().client
    base = args.base_url or settings.public_origin or f"http://{settings.host}:{settings.port}"
    invite = invitations.invitation(client, settings.secret_key, base, args.event, args.attendee,
                                    organizer="command line")
    print(invite.link)
    if args.new_code:  # codes are kept hashed: a code can only be shown when it is issued
        issued = invitations.new_code(client, settings.secret_key, args.event, "command line", args.attendee)
        print(f"access code (new; the previous one no longer works): {issued.code}")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("signin-link", help="print a personal sign-in link for an attendee (--new-code: and a new code)")
    p.add_argument("event")
    p.add_argument("attendee")
    p.add_argument("--base-url", help="address of the site (default FORUM_PUBLIC_ORIGIN or FORUM_HOST:PORT)")
    p.add_argument("--new-code", action="store_true",
                   help="also issue a new access code (the attendee's previous code stops working)")
    p.set_defaults(func=cmd_signin_link)
    p = sub.add_parser("demo", help="load the demo events into FORUM_REDIS_URL and print sign-in links")
    p.add_argument("--date", type=day_argument, metavar="YYYY-MM-DD", help="the events' first day (default today)")
    p.add_argument("--base-url", help="address of the site for the links (default FORUM_PUBLIC_ORIGIN or "
                                      "FORUM_HOST:PORT)")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("import-instance", help="load a forum-instance/1 JSON file (replaces that event)")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_instance)
    p = sub.add_parser("export-instance", help="write an event as forum-instance/1 JSON")
    p.add_argument("event")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export_instance)
    p = sub.add_parser("import-attendees", help="add or update attendees from CSV (all or nothing)")
    p.add_argument("event")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_attendees)
    p = sub.add_parser("export-attendees", help="write an event's attendees as CSV")
    p.add_argument("event")
    p.set_defaults(func=cmd_export_attendees)
