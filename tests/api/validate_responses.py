#!/usr/bin/python3
"""Checks the live responses recorded by the API suite against the project's OpenAPI document.

usage: validate_responses.py OPENAPI_YAML RECORD_DIR

RECORD_DIR holds the api-*.jsonl files the API suite writes when ROSTER_API_RECORD_DIR is set
(one line per exchange: method, target, status, content_type, body). Every response under
/api/v1 must be documented (path, method, status or `default`), carry the documented media
type and validate against its schema; a problem document's `status` must equal the HTTP
status. Every documented operation must have been seen answering 2xx at least once.
Prints "# pass N" and "# fail N" (the lines scripts/test.sh counts); exits 1 on any failure.
"""
import glob
import json
import re
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker, RefResolver

RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("date-time")
    def is_utc_date_time(value) -> bool:  # the contract: RFC 3339, UTC, with a Z
        return not isinstance(value, str) or bool(RFC3339_UTC.match(value))

    return checker


class Document:
    def __init__(self, path: str):
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.prefix = self.doc["servers"][0]["url"].rstrip("/")
        self.resolver = RefResolver.from_schema(self.doc)
        self.checker = format_checker()
        self.operations = []  # (method, regex over the full path, template)
        for template, item in self.doc["paths"].items():
            for method, operation in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    # An operation may name its own server (GET /metrics lives outside /api/v1).
                    servers = operation.get("servers") or item.get("servers")
                    base = servers[0]["url"].rstrip("/") if servers else self.prefix
                    full = re.escape(base) + re.sub(r"\{[^/]+\}", "[^/]+", template)
                    self.operations.append((method.upper(), re.compile("^" + full + "$"),
                                            template))

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def covers(self, path: str) -> bool:
        """True for paths this document describes: the prefix, and paths with their own server."""
        return path.startswith(self.prefix + "/") or any(r.match(path) for _, r, _ in self.operations)

    def covers(self, path: str) -> bool:
        """True for paths this document describes: the prefix, and paths with their own server."""
        return path.startswith(self.prefix + "/") or any(r.match(path) for _, r, _ in self.operations)

    def find(self, method: str, path: str):
        known_path = False
        for op_method, regex, template in self.operations:
            if regex.match(path):
                known_path = True
                if op_method == method:
                    return template, self.doc["paths"][template][method.lower()], True
        return None, None, known_path

    def validate(self, schema, value) -> list:
        validator = Draft202012Validator(schema, resolver=self.resolver,
                                         format_checker=self.checker)
        return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
                for e in validator.iter_errors(value)]


def check(doc: Document, ex: dict, seen: set) -> list:
    method, status = ex["method"], ex["status"]
    path = ex["target"].split("?", 1)[0]
    if not doc.covers(path):
        return []
    template, operation, known_path = doc.find(method, path)
    problem_schema = {"$ref": "#/components/schemas/Problem"}
    if operation is None:
        # Unknown endpoints answer 404 (unknown path) or 405 (known path, other method); a
        # target the server cannot decode (e.g. a bad %-escape) is 400 bad_request.
        expected = {405 if known_path else 404, 400}
        if status not in expected:
            return [f"undocumented {method} {path} answered {status}"]
        response = {"content": {"application/problem+json": {"schema": problem_schema}}}
    else:
        responses = operation.get("responses", {})
        response = responses.get(str(status), responses.get("default"))
        if response is None:
            return [f"{method} {template}: status {status} is not documented"]
        response = doc.deref(response)
        if 200 <= status < 300:
            seen.add((method, template))
    content = response.get("content")
    body = ex["body"]
    if not content:
        return [] if body == "" else [f"{method} {path} {status}: body where none is documented"]
    media = ex["content_type"].split(";", 1)[0].strip().lower()
    if media not in content:
        return [f"{method} {path} {status}: content type {media!r} is not one of {list(content)}"]
    if not media.endswith("json"):
        value = body  # text/plain: the body is the string the schema describes
        return [f"{method} {path} {status}: {e}"
                for e in doc.validate(content[media].get("schema", {}), value)]
    try:
        value = json.loads(body)
    except ValueError:
        return [f"{method} {path} {status}: body is not JSON"]
    errors = doc.validate(content[media].get("schema", {}), value)
    if media == "application/problem+json" and isinstance(value, dict) \
            and value.get("status") != status:
        errors.append(f"problem status {value.get('status')} differs from HTTP status")
    return [f"{method} {path} {status}: {e}" for e in errors]


def main() -> int:
    doc = Document(sys.argv[1])
    exchanges = []
    for name in sorted(glob.glob(sys.argv[2] + "/api-*.jsonl")):
        with open(name, encoding="utf-8") as f:
            exchanges += [json.loads(line) for line in f if line.strip()]
    failures, seen, checked, passed = [], set(), 0, 0
    for ex in exchanges:
        if not doc.covers(ex["target"].split("?", 1)[0]):
            continue
        problems = check(doc, ex, seen)
        checked += 1
        passed += not problems
        failures += problems
    for method, _, template in doc.operations:
        if (method, template) not in seen:
            failures.append(f"{method} {template}: no 2xx response was seen in the API suite")
    if checked < 100:
        failures.append(f"only {checked} API exchanges were recorded: is ROSTER_API_RECORD_DIR set?")
    for line in failures[:40]:
        print("FAIL " + line)
    if len(failures) > 40:
        print(f"... and {len(failures) - 40} more")
    print(f"openapi: {checked} responses checked against {sys.argv[1]}")
    print(f"# pass {passed}")
    print(f"# fail {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
