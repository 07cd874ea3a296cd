#!/usr/bin/env python3
"""Checks the status page's documents as a server served them.

Usage: check_status_documents.py SCHEMA DIR
DIR holds one file per public path (the path with '/' written as '__'), as
tests/integration/status/status_server_test.cpp saves them. Every JSON document must
validate against its definition in SCHEMA (a JSON Schema written from
reference/statuspage.md), the feed must parse as an Atom feed (RFC 4287: feed id, title,
updated; each entry id, title, updated), and every HTML page must be well-formed with a
lang attribute and one h1. Exits 1 with every problem listed, 0 when all hold.
"""
import json
import os
import sys
import xml.dom.minidom

import jsonschema

ATOM = "http://www.w3.org/2005/Atom"
JSON_DEFS = {
    "summary.json": "summary",
    "status.json": "status_document",
    "components.json": "components_document",
    "incidents.json": "incidents_document",
    "unresolved.json": "unresolved_document",
    "scheduled-maintenances.json": "maintenances_document",
    "upcoming.json": "maintenances_document",
    "active.json": "maintenances_document",
}


def check_json(name, text, schema, problems):
    definition = JSON_DEFS[name.split("__")[-1]]
    document = json.loads(text)
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/" + definition, "$defs": schema["$defs"]})
    for error in validator.iter_errors(document):
        problems.append(f"{name}: {'/'.join(map(str, error.path))}: {error.message}")


def children(node, tag):
    return [n for n in node.childNodes if n.nodeType == n.ELEMENT_NODE
            and n.localName == tag and n.namespaceURI == ATOM]


def check_atom(name, text, problems):
    feed = xml.dom.minidom.parseString(text.encode("utf-8")).documentElement
    if feed.localName != "feed" or feed.namespaceURI != ATOM:
        problems.append(f"{name}: the root is not an Atom feed")
        return
    for tag in ("id", "title", "updated"):
        if len(children(feed, tag)) != 1:
            problems.append(f"{name}: the feed needs exactly one {tag}")
    for i, entry in enumerate(children(feed, "entry")):
        for tag in ("id", "title", "updated"):
            if len(children(entry, tag)) != 1:
                problems.append(f"{name}: entry {i} needs exactly one {tag}")


def check_html(name, text, problems):
    dom = xml.dom.minidom.parseString(text.encode("utf-8"))
    html = dom.documentElement
    if html.tagName != "html" or not html.getAttribute("lang"):
        problems.append(f"{name}: <html> needs a lang attribute")
    if len(dom.getElementsByTagName("h1")) != 1:
        problems.append(f"{name}: a page has one h1")
    if dom.getElementsByTagName("script"):
        problems.append(f"{name}: the page must need no JavaScript")
    for tag, attr in (("link", "href"), ("img", "src")):
        for el in dom.getElementsByTagName(tag):
            if el.getAttribute(attr).startswith(("http://", "https://", "//")) and \
                    el.getAttribute("rel") != "alternate":
                problems.append(f"{name}: external asset {el.getAttribute(attr)}")


def main():
    schema_path, directory = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    problems, checked = [], 0
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            text = f.read()
        try:
            if name.endswith(".json"):
                check_json(name, text, schema, problems)
            elif name.endswith(".atom"):
                check_atom(name, text, problems)
            elif name.endswith(".png"):
                continue
            else:
                check_html(name, text, problems)
            checked += 1
        except Exception as e:  # a parse error is a finding, not a crash
            problems.append(f"{name}: {e}")
    if checked < 10:
        problems.append(f"only {checked} documents in {directory}")
    for p in problems:
        print(p)
    print(f"{checked} documents checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
