"""Hypothesis fuzz of the loader and validator (a few hundred examples here; bench/bench_fuzz_content.py runs
10,000+): any text or document yields a value or located one-line problems, never an exception, and valid
content written by the writer reads back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from chronik.exports.ics import Text
from harness import fuzz_content_file, fuzz_round_trip, fuzz_strategies, fuzz_yaml_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

S = fuzz_strategies()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(tempfile.mkdtemp(prefix="chronik-fuzz-")) / "content"


@FAST
@given(S["yaml_text"])
def test_any_yaml_text_gives_a_value_or_located_problems(text: str) -> None:
    fuzz_yaml_text(text)


@FAST
@given(st.sampled_from(["event", "entity", "article"]), S["yaml_text"])
def test_any_content_file_is_reported_never_raised(kind: str, text: str) -> None:
    fuzz_content_file(ROOT, kind, text)


@FAST
@given(st.sampled_from(["event", "entity"]), st.binary(max_size=200))
def test_any_bytes_are_reported_never_raised(kind: str, data: bytes) -> None:
    fuzz_content_file(ROOT, kind, data)


@FAST
@given(S["valid_event"])
def test_valid_events_round_trip(data: dict) -> None:
    fuzz_round_trip(ROOT, "event", data)


@FAST
@given(S["valid_entity"])
def test_valid_entities_round_trip(data: dict) -> None:
    fuzz_round_trip(ROOT, "entity", data)


@FAST
@given(S["text"])
def test_ics_text_is_one_line_and_unescapes_to_the_normalised_value(value: str) -> None:
    import re

    escaped = Text(value).to_ical().decode("utf-8")
    assert "\r" not in escaped and "\n" not in escaped
    unescaped = re.sub(r"\\([\\;,n])", lambda m: "\n" if m.group(1) == "n" else m.group(1), escaped)
    assert re.sub(r"\\[\\;,n]", "", escaped).count("\\") == 0  # every backslash starts a valid escape
    normalised = re.sub("\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", value)
    assert unescaped == re.sub("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", normalised)
