"""Cached loaders for the data in ``models/``: pattern tables and gazetteers.

A pattern table is a YAML file ``models/patterns/NAME.yaml``::

    description: what the table is for
    patterns:
      - id: number-state            # unique within the table
        regex: |                    # verbose regex (regex module, flags VERBOSE | IGNORECASE
          (?P<number>\\d+)/(?P<symbol>...)  #   unless `flags` says otherwise); groups = fields
        examples: [...]             # each must match (a `search`)
        counterexamples: [...]      # none may match
        # any other keys are data for the extractor (a slug, a kind, a priority ...)

``tests/unit/test_pattern_tables.py`` runs every table: every example matched, no counterexample.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from models import ROOT

FLAG_NAMES = {"I": regex.IGNORECASE, "X": regex.VERBOSE, "M": regex.MULTILINE, "S": regex.DOTALL,
              "V1": regex.V1}


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    regex: Any  # compiled regex.Pattern
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    data: dict  # the entry's other keys

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def _flags(spec: str | None) -> int:
    if spec is None:
        return regex.VERBOSE | regex.IGNORECASE
    out = 0
    for name in spec.replace(",", " ").split():
        out |= FLAG_NAMES[name]
    return out


def load_yaml(path: Path) -> Any:
    """A YAML data file, parsed safely (libyaml's C parser where PyYAML has it: several times
    faster, which is most of a worker's start-up)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)


@cache
def table(name: str) -> tuple[Pattern, ...]:
    """The patterns of ``models/patterns/NAME.yaml``, compiled, in file order."""

    data = load_yaml(ROOT / "patterns" / f"{name}.yaml")
    out = []
    for entry in data["patterns"]:
        entry = dict(entry)
        pid = entry.pop("id")
        rx = regex.compile(entry.pop("regex"), _flags(entry.pop("flags", None)))
        ex = tuple(entry.pop("examples", ()) or ())
        cx = tuple(entry.pop("counterexamples", ()) or ())
        out.append(Pattern(pid, rx, ex, cx, entry))
    return tuple(out)


@cache
def data(name: str) -> dict:
    """A YAML data file of ``models/patterns`` as a plain dict (word lists, maps)."""

    return load_yaml(ROOT / "patterns" / f"{name}.yaml")


@cache
def gazetteer(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``models/gazetteers/NAME.tsv`` (header row = keys; lines starting ``#`` skipped)."""
    path = ROOT / "gazetteers" / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t"))


def table_names() -> tuple[str, ...]:
    """Every pattern table (files with a ``patterns:`` list)."""

    names = []
    for p in sorted((ROOT / "patterns").glob("*.yaml")):
        d = load_yaml(p)
        if isinstance(d, dict) and "patterns" in d:
            names.append(p.stem)
    return tuple(names)
