"""``blueprint-render new FILE``: write a starter blueprint to edit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from blueprint_render.atomic import write_atomic
from blueprint_render.fileformat import dumps, loads

__all__ = ["STARTER", "add_parser", "run"]

STARTER = """\
# yaml-language-server: $schema=blueprint.schema.json
# A starter blueprint: rename it, then add steps, cards and flows.
# The format is described in docs/format.md; check it with `blueprint-render validate`.
blueprint: 1
id: my-service
title: My service
scenario: A customer does one thing, start to finish.
service_owner: Head of Service
version: "0.1"

owners:
  front: Front office
  back: Back office
  it: IT

phases:
  - title: Ask
    steps: [ask]
  - title: Get
    steps: [receive]

steps:
  - id: ask
    title: Ask for the service
    value_chain: engage
    customer:
      - id: c-ask
        text: Customer fills in the request form.
    frontstage:
      - id: form
        text: Web form confirms the request on screen.
        channel: Web form
        owner: front
    backstage:
      - id: review
        text: Back office reviews the request.
        sop: SOP-001
        owner: back
        wait: 1 day
    systems:
      - id: crm
        text: CRM records the request.
        data: [Request]
        owner: it
    measures:
      - text: Requests completed online
        kind: flow
        threshold: ">= 90%"
        sampling: All requests, weekly
        owner: front

  - id: receive
    title: Receive the service
    value_chain: deliver and support
    customer:
      - id: c-receive
        text: Customer receives the confirmation email.
    frontstage:
      - id: email
        text: System sends the confirmation email.
        channel: Email
        owner: it
        fail: Email lands in the spam folder.
    evidence:
      - Confirmation email.

flows:
  - [c-ask, form]
  - [form, review]
  - [review, crm]
  - [c-ask, c-receive]
  - {from: email, to: c-receive, label: confirms}
"""


def add_parser(commands: Any) -> None:
    """Add the ``new`` subcommand."""
    parser = commands.add_parser(
        "new",
        help="write a starter blueprint to edit",
        description="Write a small, valid starter blueprint (YAML, or JSON/TOML by the suffix).",
    )
    parser.add_argument("file", metavar="FILE", help="where to write it (.yaml, .json or .toml)")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the starter; 2 when the file exists (without --force) or the suffix is unknown."""
    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json", ".toml"):
        print(f"blueprint-render new: {path}: use a .yaml, .json or .toml name", file=err)
        return 2
    if path.exists() and not args.force:
        print(f"blueprint-render new: {path} exists (use --force to replace it)", file=err)
        return 2
    text = STARTER if suffix in (".yaml", ".yml") else dumps(loads(STARTER), suffix[1:])
    write_atomic(path, text.encode("utf-8"))
    print(f"wrote {path}; render it with: blueprint-render render {path}", file=out)
    return 0
