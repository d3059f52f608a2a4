#!/usr/bin/python3
"""Turns the project's OpenAPI document (YAML) into a C++ source holding it as JSON.

usage: embed_openapi.py OPENAPI_YAML OUTPUT_CPP
"""
import json
import sys

import yaml


def main() -> None:
    source, output = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    delimiter = "RosterApiDoc"
    if f"){delimiter}\"" in text:
        sys.exit("embed_openapi.py: the document contains the raw-string delimiter")
    cpp = (
        '#include "apidoc/openapi_json.hpp"\n\n'
        "namespace roster::apidoc {\n\n"
        f'const std::string_view kOpenApiJson = R"{delimiter}({text}){delimiter}";\n\n'
        "}  // namespace roster::apidoc\n"
    )
    with open(output, "w", encoding="utf-8") as f:
        f.write(cpp)


if __name__ == "__main__":
    main()
