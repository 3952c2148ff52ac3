"""Every pattern table in models/patterns: each example matches, no counterexample does."""

from __future__ import annotations

import pytest

from models import load

CASES = [
    pytest.param(name, p, id=f"{name}:{p.id}")
    for name in load.table_names()
    for p in load.table(name)
]


def test_there_are_pattern_tables():
    assert load.table_names(), "models/patterns holds no pattern table"


@pytest.mark.parametrize("name,pattern", CASES)
def test_examples_match(name, pattern):
    assert pattern.examples, f"{name}:{pattern.id} has no examples"
    missed = [ex for ex in pattern.examples if not pattern.regex.search(ex)]
    assert not missed, f"{name}:{pattern.id} does not match {missed}"


@pytest.mark.parametrize("name,pattern", CASES)
def test_counterexamples_do_not_match(name, pattern):
    hit = [cx for cx in pattern.counterexamples if pattern.regex.search(cx)]
    assert not hit, f"{name}:{pattern.id} matches counterexamples {hit}"


@pytest.mark.parametrize("name", load.table_names())
def test_ids_are_unique(name):
    ids = [p.id for p in load.table(name)]
    assert len(ids) == len(set(ids))
