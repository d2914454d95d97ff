#!/usr/bin/env python3
"""Checks resources/schema/workflow.schema.json: it is a valid draft 2020-12 schema, every example
and every file in tests/data/valid passes it, and malformed files that a schema can judge fail it.
Exits 77 (CTest SKIP_RETURN_CODE) when PyYAML or jsonschema is not installed."""
import glob
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:
    print(f"skipping: {error} (install python3-jsonschema and python3-yaml)")
    sys.exit(77)

source = sys.argv[1]

# Files in tests/data/invalid whose problem is visible to a schema (the others are YAML syntax,
# duplicate keys, graph or expression problems that only the C++ validator finds).
MUST_FAIL = """
    bad-durations bad-input-syntax bad-on-error bad-retry config-kinds invalid-node-id layout-bad-position
    missing-required-config missing-type missing-version node-not-a-map nodes-not-a-map outputs-bad param-bad
    top-level-list top-level-scalar unknown-config-key unknown-node-key unknown-param-key unknown-retry-key
    unknown-settings-key unknown-top-level-key version-not-a-number wrong-types wrong-version
""".split()


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.safe_load(f)


def main():
    with open(os.path.join(source, "resources/schema/workflow.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    passing = sorted(glob.glob(os.path.join(source, "resources/examples/*.yaml")))
    passing += sorted(glob.glob(os.path.join(source, "tests/data/valid/*.yaml")))
    if len(passing) < 5:
        failures.append("too few files to check")
    for path in passing:
        errors = list(validator.iter_errors(load(path)))
        for error in errors:
            failures.append(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    for name in MUST_FAIL:
        path = os.path.join(source, "tests/data/invalid", name + ".yaml")
        if not list(validator.iter_errors(load(path))):
            failures.append(f"{path}: the schema accepts it")
    for failure in failures:
        print(failure)
    print(f"checked {len(passing)} valid and {len(MUST_FAIL)} invalid files: {len(failures)} problems")
    return 1 if failures else 0


sys.exit(main())
