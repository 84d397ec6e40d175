"""Quote stage: quoted words („…“ “…” «…» "…") and who said them.

The speaker is the person right after a speech verb behind the quote ('“…”, sagte Anna Berger', 'sagte er'),
the person named before it ('According to CEO Tom Field, “…”'), or — for a quote that follows an attributed
one without its own attribution — the previous speaker (a continuation).
"""

from __future__ import annotations

import bisect
import re

from .doc import Cleaned, Entities, QuoteCand
from .rules import alternation, lang_rules

MIN_WORDS = 3


def find_quotes(cleaned: Cleaned, ents: Entities) -> list[QuoteCand]:
    """Quotes of the body text in order, with speaker entity ids where known."""
    rules = lang_rules(cleaned.language)
    text = cleaned.text
    speech = alternation(rules.speech_verbs)
    speech_re = re.compile(r"(?<!\w)(?:" + speech + r")(?!\w)", re.IGNORECASE)
    after_re = re.compile(r"^[\s,]*(?:" + speech + r")(?!\w)\s*(?:[\w-]+\s+){0,3}?", re.IGNORECASE)
    pairs = rules.quote_marks
    body = cleaned.body
    out: list[QuoteCand] = []
    spans: list[tuple[int, int]] = []
    quoted = bytearray(len(text) + 1)  # positions inside a quote already found (linear overlap test)
    # scan each paragraph (consecutive sentences of one paragraph) so quotes may span sentences
    paras: dict[int, tuple[int, int]] = {}
    for s in body:
        a, b = paras.get(s.para, (s.start, s.end))
        paras[s.para] = (min(a, s.start), max(b, s.end))
    for _para, (pa, pb) in sorted(paras.items(), key=lambda kv: kv[1]):
        chunk = text[pa:pb]
        for open_m, close_m in pairs:
            pat = re.compile(re.escape(open_m) + r"([^" + re.escape(open_m + close_m) + r"]{3,2000}?)" +
                             re.escape(close_m))
            for m in pat.finditer(chunk):
                a, b = pa + m.start(1), pa + m.end(1)
                if 1 in quoted[a:b]:
                    continue
                if len(m.group(1).split()) < MIN_WORDS:
                    continue
                spans.append((a, b))
                quoted[a:b] = b"\x01" * (b - a)
    spans.sort()
    starts = [s.start for s in body]
    prev_speaker: str | None = None
    prev_end = -1
    for a, b in spans:
        k = bisect.bisect_right(starts, a) - 1
        sent = body[k] if k >= 0 and body[k].start <= a < body[k].end else None
        if sent is None:
            continue
        k2 = bisect.bisect_right(starts, b) - 1
        end_sent = body[k2] if k2 >= 0 and body[k2].start <= b <= body[k2].end else sent
        speaker = None
        tail = text[b + 1:end_sent.end]
        m = after_re.match(tail)
        if m:
            pos = b + 1 + m.end()
            here = ents.in_sentence(end_sent.index)
            cand = [x for x in here if pos - 1 <= x.start <= pos + 30 and ents.entities[x.key].type == "person"]
            if not cand:
                cand = [x for x in here if b < x.start <= pos + 30 and ents.entities[x.key].type == "person"]
            if cand:
                speaker = cand[0].key
        if speaker is None:
            vm = speech_re.search(tail[:60])
            if vm:
                lim = b + 1 + vm.end() + 30
                cand = [x for x in ents.in_sentence(end_sent.index) if b < x.start <= lim
                        and ents.entities[x.key].type == "person"]
                if cand:
                    speaker = cand[0].key
        if speaker is None:
            before = [x for x in ents.in_sentence(sent.index) if x.start < a - 1
                      and ents.entities[x.key].type == "person"]
            if before and re.search(r"(?:" + speech + r")|[:,]\s*$", text[sent.start:a - 1], re.IGNORECASE):
                speaker = before[-1].key
        if speaker is None and prev_speaker and text[prev_end:a].strip(" \n„“\"«»”") in ("", ".") or (
                speaker is None and prev_speaker and sent.index - _sent_of(body, starts, prev_end) <= 1
                and text[sent.start:a].strip() in ("", "„", "“", "«", "»", "\"")):
            speaker = prev_speaker
        out.append(QuoteCand(text=text[a:b], speaker=speaker, sentence=sent.index, start=a, end=b))
        prev_speaker, prev_end = speaker, b
    return out


def _sent_of(body: list, starts: list[int], pos: int) -> int:
    k = bisect.bisect_right(starts, pos) - 1
    return body[k].index if k >= 0 and body[k].start <= pos <= body[k].end else -99
