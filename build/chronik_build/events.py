"""Event stage: one event per distinct happening, dated by its own time expression or the event it continues.

A body sentence becomes an event when it carries a resolvable time expression, refers back to an earlier
happening ("auf derselben Konferenz"), is the lead of the article (dated to publication, approximate), or
reports what a named person said. Two time expressions in different clauses make two events; a sentence
that only continues the previous one (starts with 'Dies', 'Er', 'Das Unternehmen' …) is merged into it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .clean import reads_as_sentence
from .doc import DATED_DATELINE, DATELINE, Cleaned, Entities, EventCand, Mention, Sentence, SourceRef, TimeExpr
from .event_model import Look, Reviewer, reviewer_for
from .lexicon import slugify
from .rules import LangRules, alternation, lang_rules
from .tense import has_finite_verb, tells_past, tells_pluperfect

CLAUSE_BREAK = re.compile(r",\s*(?:und|aber|doch|while|and|but|whereas|wie|as)\s|;\s|\s(?:that|dass)\s|:\s|"
                          r"\s(?:and|und)\s+(?:is|are|was|were|will|has|have|had|would|could|wird|werden|ist|"
                          r"sind|hat|haben|war|waren|soll|sollen|hatte|hatten|wurde|wurden|musste|mussten|"
                          r"konnte|konnten|sollte|sollten|wollte|wollten|must|did)\b")
# an elliptical coordination between two times ('… in 2026 and the X2 in 2027', '… im Mai und die Y im Juni'):
# the conjunction followed by at least two words of a new phrase before the next time ('in May and June' is one)
ELLIPTICAL_BREAK = re.compile(r"\s(?:and|und|sowie|as well as)\s+(?=\S+\s+\S)")
TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|und|sowie|or|oder|but|aber)$")
FRAGMENT_WORDS = 6
TITLE_WORDS = 12
TITLE_CHARS = 90  # an event title reads like a headline: at most about this long
HEADLINE_WORDS = 14
QUOTE_START = re.compile(r"^\s*[„“\"«»‚]([^„“”\"«»]{3,}?)[“”\"«»‘]")


def _clean_title(text: str) -> str:
    t = re.sub(r"^[\s„“\"«»‚‘*•\-–]+", "", text).strip()
    t = re.sub(r"[\s,;:–-]+$", "", t)
    t = re.sub(r"\s{2,}", " ", t)
    words = t.split()
    if len(words) > TITLE_WORDS:
        t = " ".join(words[:TITLE_WORDS]) + " …"
    return t[:1].upper() + t[1:] if t else text.strip()


def headline(text: str, start: int, ents: Entities, rules: LangRules, sent_start: int | None = None,
             before: str = "") -> str:
    """A short, headline-like title from a sentence or clause: the main clause with its subject, verb and object.

    General rules (patterns in rules/<lang>/lang.yaml, key 'headline'): a dateline and a leading conjunction
    go; a descriptive apposition before the first name is dropped when it ends in an organisation or role noun
    ('Der Münchner Technologiekonzern Orbix' -> 'Orbix'); a reporting frame is dropped ('X said on Tuesday
    it will' -> 'X will'), indirect speech becomes 'X: …'; inserted relative or participle clauses are removed;
    relative, subordinate and reporting clauses after a comma are cut and, when the title is still long, a
    trailing subordinate part too. Never below four words; the full sentence stays the event's summary.
    """
    hl = rules.headline
    stop = {"the", "a", "an", "that", "this", "these", "those", "it", "its", "they", "he", "she", "der", "die", "das",
            "dass", "den", "dem", "des", "ein", "eine", "es", "sie", "er", "man"}  # the clause has its own subject
    lead = len(text) - len(text.lstrip(" „“\"«»‚‘*•-–"))
    t = text[lead:].strip()
    if QUOTE_START.match(text) or len(t.split()) <= 6:
        conj = re.match(hl["conjunction"], t) if hl.get("conjunction") and not QUOTE_START.match(text) else None
        if conj and len(t[conj.end():].split()) >= 3:  # 'And the X3 in 2033.' -> 'The X3 in 2033'
            t = t[conj.end():]
            if t[:1].islower() and sent_start is not None and t.split()[0] not in stop:
                subj = _first_actor(ents, sent_start, start + lead + conj.end())  # 'und musste 2011 …'
                t = f"{ents.entities[subj.key].name} {t}" if subj is not None else t
        return _clean_title(t)
    dm = DATELINE.match(t) or DATED_DATELINE.match(t) or re.match(r"^[A-ZÄÖÜ]{2,}(?:[ /][A-ZÄÖÜ]{2,})*\s*[–—-]\s+", t)
    if dm:
        t = t[dm.end():]
    conj = re.match(hl["conjunction"], t) if hl.get("conjunction") else None
    if conj:
        t = t[conj.end():]
    base = start + lead + (len(text[lead:].strip()) - len(t))
    comp = re.match(hl["complementizer"], t) if hl.get("complementizer") and not conj else None
    if comp:  # '… said on Tuesday | that revenue rose …': the reported clause on its own
        t = t[comp.end():]
    joined = conj or (hl.get("conjunction") and re.search(hl["conjunction"].lstrip("^") + "$", before.lstrip(" ,")))
    if t[:1].islower() and sent_start is not None and joined and t.split()[0] not in stop:
        # a coordinated clause without its own subject ('und wurde …'): the sentence's first actor is it
        subj = _first_actor(ents, sent_start, base)
        if subj is not None:
            t = f"{ents.entities[subj.key].name} {t}"
            base = -10**9  # no apposition to look for in front of the borrowed subject
    ordered, starts = ents.sorted_mentions()
    k = bisect.bisect_left(starts, base)
    first = next((m for m in ordered[k:k + 20] if m.via == "name" and m.start <= base + 60), None)
    if first is not None and base >= 0 and re.match(hl.get("determiner", r"$^"), t):
        prefix = t[:first.start - base]
        words = prefix.split()
        cues = _apposition_heads(rules)
        if (2 <= len(words) <= 4 and not re.search(hl.get("apposition_stop", r"$^"), prefix)
                and words[-1].lower().endswith(cues)
                and all(re.fullmatch(hl.get("apposition_word", r"\S+"), w) for w in words[1:-1])):
            t = t[len(prefix):]
    for key, fmt in (("reporting", "{subj} {rest}"), ("indirect", "{subj}: {rest}")):
        m = re.match(hl[key], t) if hl.get(key) else None
        if m and len(m.group("rest").split()) >= 3:
            rest = m.group("rest")
            t = fmt.format(subj=m.group("subj"), rest=rest[:1].upper() + rest[1:] if ":" in fmt else rest)
            break
    if hl.get("insertion"):
        t = re.sub(hl["insertion"], " ", t)

    def cut(pattern: str | None, s: str) -> str:
        if not pattern:
            return s
        for m in re.finditer(pattern, s):
            if len(s[:m.start()].split()) >= 4:
                return s[:m.start()]
        return s

    t = cut(hl.get("strong_cut"), t)
    if len(t.split()) > HEADLINE_WORDS:
        t = cut(hl.get("weak_cut"), t)
    t = t.strip().rstrip(" ,;:.")
    words = t.split()
    if len(words) > HEADLINE_WORDS:
        t = " ".join(words[:TITLE_WORDS]) + " …"
    return _clean_title(t) if len(words) <= TITLE_WORDS else t[:1].upper() + t[1:]


def _first_actor(ents: Entities, start: int, end: int) -> Mention | None:
    """The first organisation or person named by name in text[start:end]."""
    ordered, starts = ents.sorted_mentions()
    return next((m for m in ordered[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
                 if m.via == "name" and ents.entities.get(m.key) is not None
                 and ents.entities[m.key].type in ("organization", "person")), None)


def tidy_title(title: str, ids: list[str], ents: Entities, rules: LangRules, time_text: str | None = None) -> str:
    """A headline's opening and length: no leading connective ('Dennoch hat X …' -> 'X hat …') and not the
    event's own time, which its date shows ('Im Mai hat X …' -> 'X hat …'), the actor's name instead of a
    pronoun subject, at most about TITLE_CHARS characters cut at a clause or word boundary, never ending in a
    dangling '…'."""
    hl = rules.headline
    cut = title.endswith("…")
    t = re.sub(r"\s*…$", "", title).strip()
    m = re.match(hl["connective"], t) if hl.get("connective") else None
    if m:
        t = _subject_first(t[m.end():], ids, ents, rules) or t
    if time_text:
        t = _without_lead_time(t, time_text, ids, ents, rules)
    for key, kind in (("pronoun_person", "person"), ("pronoun_org", "organization")):
        pm = re.match(hl[key], t) if hl.get(key) else None
        actor = next((ents.entities[i].name for i in ids if i in ents.entities and ents.entities[i].type == kind),
                     None)
        if pm and actor:
            t = f"{actor} {t[pm.end():]}"
            break
    t = _shorten(t, TITLE_CHARS, rules, cut)
    return t[:1].upper() + t[1:] if t else title


def _shorten(t: str, limit: int, rules: LangRules, cut: bool = False) -> str:
    """Text of at most about `limit` characters, cut at its last clause boundary in the second half of that
    room, else at a word boundary; a cut text does not end in a function word ('… mit einem Wert von')."""
    if len(t) > limit:
        cuts = [c.start() for c in re.finditer(r",\s|\s[–—]\s|;\s|:\s", t[:limit + 1])
                if len(t[:c.start()].split()) >= 4 and c.start() >= limit // 2]  # keep most of it
        t = t[:cuts[-1]] if cuts else t[:limit + 1].rsplit(" ", 1)[0]
        cut = True
    if cut:
        words = t.split()
        while len(words) > 4 and (words[-1].lower() in rules.stopwords or re.fullmatch(r"[a-zäöüß]{1,3}|\W+",
                                                                                        words[-1])):
            words.pop()
        t = " ".join(words).rstrip(" ,;:–—")
    return t


def _subject_first(rest: str, ids: list[str], ents: Entities, rules: LangRules) -> str | None:
    """The clause after a fronted connective with its subject first: English keeps its order; German puts
    the finite verb second, so 'hat Acme den Umsatz …' becomes 'Acme hat den Umsatz …' (None when the
    subject after the verb is not one of the event's entities)."""
    if not rules.nouns_capitalised or not rest[:1].islower():
        return rest if len(rest.split()) >= 3 else None
    verb, _, after = rest.partition(" ")
    art = re.match(r"(?:der|die|das|den|dem)\s+", after)
    body = after[art.end():] if art else after
    for i in ids:
        e = ents.entities.get(i)
        for name in ([e.name, *e.aliases] if e else []):
            # the name is the whole subject: not a genitive before its noun ('Chinas Behörde'), not one of two
            # ('Acme und Globex'), not before an apposition ('Ada Kern, Gründerin …')
            if name and body.startswith(name) and not body[len(name):len(name) + 1].isalnum() and not re.match(
                    r"\s*(?:[A-ZÄÖÜ]|und\b|oder\b|sowie\b|,)", body[len(name):]):
                subj = (art.group(0).capitalize() if art else "") + name
                return f"{subj} {verb}{body[len(name):]}"
    return None


def _without_lead_time(t: str, time_text: str, ids: list[str], ents: Entities, rules: LangRules) -> str:
    """A title without the fronted time phrase its date shows: English after its comma ('On March 3, Ada Kern
    opened …'), German before a finite verb and one of the event's names as the whole subject ('Im Mai hat
    Acme das Werk …' -> 'Acme hat das Werk …'; not 'Im Mai hat Acme und Globex …')."""
    if not t.lower().startswith(time_text.lower()) or re.match(r"(?i)(?:a|an|the|der|die|das|den|dem|des|ein|eine)\b",
                                                              time_text):
        return t
    rest = t[len(time_text):]
    if not rules.nouns_capitalised:
        rest = rest[2:] if rest.startswith(", ") else ""
        return rest if len(rest.split()) >= 3 and rest[:1].isalpha() else t
    moved = _subject_first(rest.lstrip(), ids, ents, rules) if rest.startswith(" ") and rest[1:2].islower() else None
    return moved or t


def _apposition_heads(rules: LangRules) -> tuple[str, ...]:
    cues = [*rules.type_cues["organization"], *rules.person_titles]
    return tuple(sorted({c.lower() for c in cues if len(c) >= 4 and "-" not in c}))


def _has_agent(ids: list[str], ents: Entities) -> bool:
    """Whether an organisation or a person takes part (a product alone does not act: its maker does)."""
    return any(ents.entities[i].type in ("organization", "person") for i in ids if i in ents.entities)


def _lacks_maker(ids: list[str], ents: Entities) -> bool:
    """A product takes part but no organisation does."""
    types = {ents.entities[i].type for i in ids if i in ents.entities}
    return "product" in types and "organization" not in types


def _has_actor(ids: list[str], ents: Entities, places: int = 0) -> bool:
    if any(ents.entities[i].type in ("organization", "person", "product") for i in ids if i in ents.entities):
        return True
    return places > 0 and sum(1 for i in ids if ents.entities[i].type == "place") >= places


def _speaker(sent: Sentence, ents: Entities, speech: re.Pattern) -> str | None:
    """A person named (or referred to by pronoun) right after a speech verb, or before it."""
    for m in speech.finditer(sent.text):
        pos = sent.start + m.end()
        here = ents.in_sentence(sent.index)
        after = [x for x in here if pos <= x.start <= pos + 40 and ents.entities[x.key].type == "person"]
        if after:
            return after[0].key
        # before the verb; after a leading quotation only ('"…," chairman Tom Field said')
        opened = sent.text.lstrip().startswith(("„", "“", "\"", "«", "»"))
        close = re.search(r"[“”\"«»](?=[\s,.])", sent.text[1 + len(sent.text) - len(sent.text.lstrip()):]) \
            if opened else None
        after_quote = sent.start + 1 + len(sent.text) - len(sent.text.lstrip()) + close.end() if close else None
        before = [x for x in here if x.start < sent.start + m.start()
                  and ents.entities[x.key].type == "person" and x.via == "name"
                  and (not opened or after_quote is not None and x.start >= after_quote)]
        if before:
            return before[-1].key
    return None


def _dateline_end(body: list) -> int:
    """Where a wire dateline opening the story ends (-1 without one): its date is the report's, no event's."""
    dm = (DATELINE.match(body[0].text) or DATED_DATELINE.match(body[0].text)) if body else None
    return body[0].start + dm.end() if dm else -1


def find_events(cleaned: Cleaned, times: dict[int, list[TimeExpr]], ents: Entities,
                reviewer: Reviewer | None = None) -> list[EventCand]:
    """Events of the article, in text order; the learned reviewer (event_model.py) has the last word on each
    sentence when a model is shipped or given."""
    rules = lang_rules(cleaned.language)
    reviewer = reviewer or reviewer_for(ents, cleaned.language)
    text = cleaned.text
    pub, month = cleaned.published_date, cleaned.published_month
    pat = event_patterns(cleaned.language)
    speech, anaphora, event_noun_re = pat.speech, pat.anaphora, pat.event_noun
    anaphoric_start, reporting = pat.anaphoric_start, pat.reporting
    events: list[EventCand] = []
    emit = _Emitter(cleaned, ents, rules, events)
    last_noun_event: EventCand | None = None
    body = cleaned.body
    speakers_with_event: set[str] = set()
    para_of = {s.index: s.para for s in body}
    lead_event: EventCand | None = None

    dateline_end = _dateline_end(body)
    for k, sent in enumerate(body):
        tes = [t for t in times.get(sent.index, []) if (t.edtf or t.unanchored) and t.start >= dateline_end]
        ids = ents.in_span(sent.start, sent.end)
        prev_sent = body[k - 1] if k else None
        continues = bool(anaphoric_start.match(sent.text)) and prev_sent is not None
        if continues and prev_sent.para == sent.para or continues and k and body[k - 1].para == sent.para - 1:
            for i in ents.in_span(prev_sent.start, prev_sent.end):
                if i not in ids:
                    ids.append(i)
        speaker = emit.speaker = _speaker(sent, ents, speech)
        antecedent = None
        if any(p.search(sent.text) for p in anaphora) and last_noun_event is not None:
            antecedent = last_noun_event
        prev_in_para = next((e for e in reversed(events[-5:]) if para_of[e.sentence] == sent.para), None)
        made: list[EventCand] = []
        branch = "none"  # which rule path decided, for the reviewer

        if _list_heading(text, sent):
            continue  # 'Here are the latest figures:' before a bulleted list introduces it, tells nothing
        if pat.evaluation.match(sent.text):
            pass  # a judgement of what was told is no happening of its own
        elif tes and _relative_times_only(sent, tes, pat.relative):
            made.append(emit.event(sent, None, sent.start, sent.end, None, ids))  # takes the story's time
            branch = "timed"
        elif tes and not _fragment(sent.text, cleaned.language):
            made += _timed_events(emit, sent, tes, ids, prev_in_para)
            branch = "timed"
        elif antecedent is not None:
            branch = "antecedent"
            extra = [i for i in antecedent.entities if ents.entities.get(i) and ents.entities[i].type == "place"]
            made.append(emit.event(sent, antecedent.date, sent.start, sent.end, None,
                                  ids + [i for i in extra if i not in ids]))
        elif ((k == 0 or re.match(r"^\s*(?:\*\*|[*•])\s", sent.text) and reads_as_sentence(sent.text)
               or _bullet_line(text, sent))
              and _has_actor(ids, ents, places=2)
              or k == 0 and len(sent.text.split()) >= 6 and not sent.text.rstrip().endswith("?")):
            # the lead tells the news even when its actor is not named ('Ein Forscherteam hat … entdeckt')
            lead_date = f"{pub.isoformat()}~" if pub else f"{month[0]:04d}-{month[1]:02d}~" if month else None
            made.append(emit.event(sent, lead_date, sent.start, sent.end, None, ids))
            branch = "lead"
            if lead_event is None and k == 0:
                lead_event = made[-1]
        elif not pat.consequence.match(sent.text) and (
              speaker and speaker not in speakers_with_event and not continues
              or reporting.match(sent.text) and _has_actor(ids, ents)
              and tells_past(sent.text, cleaned.language) is not False  # 'Laut X liegt …' states, tells nothing
              or pat.frame.search(sent.text) and len(sent.text.split()) >= 6 and not QUOTE_START.match(sent.text)
              and not pat.hedge.search(sent.text) and not pat.stative.match(sent.text)):
            made.append(emit.event(sent, None, sent.start, sent.end, None, ids))
            branch = "reported"
        elif continues and events and para_of[events[-1].sentence] in (sent.para, sent.para - 1):
            branch = "continued"
            ev = events[-1]
            for i in ids:
                if i not in ev.entities:
                    ev.entities.append(i)
            ev.sources.append(SourceRef(sent.start, sent.end, sent.text, None))
        ruled = bool(made)
        if reviewer is not None:
            look = Look(k, sent, body, [t for t in times.get(sent.index, []) if t.start >= dateline_end], ids,
                        speaker, continues, branch, _filters(sent, tes, pat, cleaned.language, ids, ents))
            made = reviewer.review(look, made, events, emit)
            if lead_event is not None and lead_event not in events:
                lead_event = None

        for ev in made:
            _note_actors(ev, made, events, ents, sent, speaker, speakers_with_event)
            # a later 'at the same conference' points back to a happening the rules dated, not to a sentence the
            # reviewer accepted with a guessed date
            if ruled and (event_noun_re.search(sent.text) or antecedent is not None):
                last_noun_event = ev

    if lead_event is not None and pub is not None:
        _merge_lead_twin(lead_event, events, cleaned, anaphoric_start)

    assign_ids(events, cleaned.language)
    inherit_dates(events, cleaned)  # after the ids: a guessed date does not rename an event
    link_references(events, cleaned, ents)
    return events


@dataclass(frozen=True)
class EventPatterns:
    """The event stage's compiled patterns of one language."""

    speech: re.Pattern
    anaphora: tuple[re.Pattern, ...]
    event_noun: re.Pattern
    anaphoric_start: re.Pattern
    reporting: re.Pattern
    frame: re.Pattern  # a reporting clause anywhere ('…, wie der Verband mitteilte'); never matches when none
    hedge: re.Pattern  # a word of speculation ('may', 'vielleicht')
    prefield: re.Pattern  # a finite verb that ends a verb-second sentence's first constituent
    consequence: re.Pattern  # 'This will …': a consequence of the happening before
    stative: re.Pattern  # 'The crater was 40 metres deep': a state
    evaluation: re.Pattern  # 'The rise was not unexpected.': a judgement
    relative: re.Pattern  # the opening of a relative clause ('…, for which', '…, in dem')


@functools.cache
def event_patterns(lang: str) -> EventPatterns:
    """Speech verbs, references back to an event ('auf derselben Konferenz'), event nouns, sentence openings
    that continue the previous sentence, and reporting openings ('Laut …'), compiled once."""
    rules = lang_rules(lang)
    nouns = "|".join(map(re.escape, rules.event_nouns))
    return EventPatterns(
        speech=re.compile(r"(?<!\w)" + alternation(rules.speech_verbs) + r"(?!\w)"),
        anaphora=tuple(re.compile(p.replace("{event_noun}", nouns), re.IGNORECASE) for p in rules.event_anaphora),
        event_noun=re.compile(r"(?<!\w)(?:" + nouns + r")(?!\w)", re.IGNORECASE),
        anaphoric_start=re.compile(r"^(?:" + "|".join(map(re.escape, rules.anaphoric_starts)) + r"|"
                                   + "|".join(map(re.escape, rules.pronouns["org"])) + r")(?!\w)", re.IGNORECASE),
        reporting=re.compile(r"^(?:" + "|".join(map(re.escape, rules.reporting_starts)) + r")(?!\w)"),
        frame=re.compile("|".join(f"(?:{p})" for p in rules.time.reporting_frames) or r"(?!)"),
        hedge=re.compile(r"(?<!\w)" + alternation(rules.time.hedges) + r"(?!\w)", re.IGNORECASE),
        prefield=re.compile(rules.time.finite_after_prefield),
        consequence=re.compile(rules.time.consequence_start),
        stative=re.compile(rules.time.stative_start),
        evaluation=re.compile(rules.time.evaluation),
        relative=re.compile(rules.time.relative_clause))


@dataclass
class _Emitter:
    """Makes events: evidence, summary, headline title; the sentence's speaker titles a quote."""

    cleaned: Cleaned
    ents: Entities
    rules: LangRules
    events: list[EventCand]
    speaker: str | None = None

    def event(self, sent: Sentence, date: str | None, a: int, b: int, te: TimeExpr | None,
              ids: list[str], clause: bool = False) -> EventCand:
        """A new event from text[a:b] of the sentence (its own clause when one of several), appended."""
        text, ents, rules, speaker = self.cleaned.text, self.ents, self.rules, self.speaker
        qopen, qclose = rules.quote_marks[0]  # the article language's own quotation marks
        if clause:  # one of several happenings in the sentence: its own clause is the evidence
            while a < b and text[a] in " ,;:":
                a += 1
            while b > a and text[b - 1] in " ,;:":
                b -= 1
            tail = TRAILING_CONJUNCTION.search(text, a, b)
            if tail and len(text[a:tail.start()].split()) >= 2:  # '1999 Ada Kern und' ends before its 'und'
                b = tail.start()
            src = SourceRef(a, b, text[a:b], te.text if te else None)
        else:
            src = SourceRef(sent.start, sent.end, sent.text, te.text if te else None)
        summary = text[src.start:src.end].strip() if clause else sent.text.strip()
        title = _clean_title(text[a:b])
        id_basis = title
        title = headline(text[a:b], sent.start if not clause else a, ents, rules, sent.start,
                         text[max(sent.start, a - 8):a])
        title = tidy_title(title, ids, ents, rules, te.text if te else None)
        qm = QUOTE_START.match(text[a:b])
        if qm and speaker and speaker in ents.entities:
            name, words = ents.entities[speaker].name, qm.group(1).strip().split()
            said = " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")
            id_basis = f"{name}: {qopen}{said.rstrip(',.')}{qclose}"  # ids stay as they were
            # the title quotes as much as fits a headline, cut at a clause or word, never with a dangling '…'
            said = _shorten(" ".join(words), TITLE_CHARS - len(name) - 2 - len(qopen) - len(qclose), rules)
            title = f"{name}: {qopen}{said.rstrip(',.;:')}{qclose}"
        ev = EventCand(id="", date=date, title=title, summary=summary,
                       entities=list(ids), sources=[src], sentence=sent.index, id_basis=id_basis)
        self.events.append(ev)
        return ev


def _timed_events(emit: _Emitter, sent: Sentence, tes: list[TimeExpr], ids: list[str],
                  prev_in_para: EventCand | None) -> list[EventCand]:
    """The events of a sentence with time expressions: one per clause that carries its own time, and a
    coordinated main clause before the only time expression as a happening of its own."""
    text, ents = emit.cleaned.text, emit.ents
    made: list[EventCand] = []
    pat = event_patterns(emit.cleaned.language)
    cuts, cut_at = _clause_cuts(tes, sent, ents, text, pat.prefield, pat.speech)
    seg_start = sent.start
    coord = CLAUSE_BREAK.search(text[sent.start:tes[0].start])
    if coord and coord.group(0).strip(", ").lower() in ("und", "and"):
        a, b = sent.start, sent.start + coord.start()
        if len(text[a:b].split()) >= 5 and _has_actor(ents.in_span(a, b), ents):
            date = prev_in_para.date if prev_in_para else None
            made.append(emit.event(sent, date, a, b, None, ents.in_span(a, b) or ids, clause=True))
            seg_start = sent.start + coord.end()
    split = len(cuts) > 1 or seg_start != sent.start
    for n, ci in enumerate(cuts):
        te = tes[ci]
        a = seg_start if n == 0 else cut_at[ci]
        b = cut_at[cuts[n + 1]] if n + 1 < len(cuts) else sent.end
        seg_ids = ents.in_span(a, b)
        if not _has_actor(seg_ids, ents):
            seg_ids = seg_ids + [i for i in ids if i not in seg_ids]
        if n == 0 and len(cuts) == 1:
            seg_ids = ids
        made.append(emit.event(sent, te.edtf, a, b, te, seg_ids, clause=split))
    return made


def _clause_cuts(tes: list[TimeExpr], sent: Sentence, ents: Entities, text: str,
                 prefield: re.Pattern, speech: re.Pattern) -> tuple[list[int], dict[int, int]]:
    """Indices of the time expressions that start a new happening (a clause break or new actors before
    them, or the end of a verb-second sentence's first constituent that holds a time and a noun phrase of
    its own: 'Im Streit um den Brand im Mai | hat das Gericht am Dienstag …') and where each such
    clause starts."""
    cuts = [0]
    cut_at = {0: sent.start}
    for i in range(1, len(tes)):
        a, b = tes[i - 1].end, tes[i].start
        if tes[i].edtf is not None and tes[i].edtf == tes[cuts[-1]].edtf:
            continue  # the same time again ('announced today that … held today'): the same happening
        seg_end = tes[i + 1].start if i + 1 < len(tes) else sent.end
        new_ids = [x for x in ents.in_span(tes[i].start, seg_end) if x not in
                   ents.in_span(sent.start, tes[i].start) and x in ents.entities
                   and ents.entities[x].type in ("person", "organization")]
        brk = CLAUSE_BREAK.search(text[a:b]) or ELLIPTICAL_BREAK.search(text[a:b]) or _comma_between(
            tes[cuts[-1]], tes[i], text[a:b], text[cut_at[cuts[-1]]:tes[cuts[-1]].start])
        if i == 1 and tes[0].edtf != tes[1].edtf and len(text[sent.start:tes[0].start].split()) >= 3:
            brk = brk or prefield.match(text[a:b])
        if brk and not new_ids and _reported_ahead(brk, tes[cuts[-1]], tes[i], text[cut_at[cuts[-1]]:a + brk.start()],
                                                  speech):
            # 'confirmed yesterday that the talks are in their last phase and end in the coming weeks': what the
            # report says belongs to it; only a later break in it starts the next happening
            ahead = text[a:seg_end]
            brk = CLAUSE_BREAK.search(ahead, brk.end()) or ELLIPTICAL_BREAK.search(ahead, brk.end())
            if brk is None or brk.start() >= b - a:
                continue
        if brk or new_ids:
            cuts.append(i)
            cut_at[i] = a + brk.start() if brk else tes[i].start
    return cuts, cut_at


def _reported_ahead(brk: re.Match, frame_time: TimeExpr, said_time: TimeExpr, frame: str, speech: re.Pattern) -> bool:
    """A reporting clause with its time ('X bestätigte gestern', 'X said on Monday') before 'that'/'dass', and a
    time in what was reported that does not lie before the report ('… that the talks end in the coming weeks'):
    one happening, the report, not a frame without content and a plan."""
    if brk.group(0).strip(" ,").lower() not in ("that", "dass") or not speech.search(frame):
        return False
    if frame_time.edtf is None or said_time.edtf is None:
        return False
    a, b = (re.sub(r"[~?%]", "", t.edtf.split("/")[0]) for t in (frame_time, said_time))
    if ".." in (a, b) or not a or not b:
        return False
    n = min(len(a), len(b))
    return b[:n] >= a[:n]


def _comma_between(first: TimeExpr, second: TimeExpr, between: str, before: str) -> re.Match | None:
    """A comma between two different resolved times that ends the first one's clause, so that each time
    belongs to its own clause: right after a fronted phrase with the first time ('Following the opening in
    the second quarter, X unveiled plans … to open next year'), else the last one with words of the next clause
    after it ('die 1931 gedruckt wurde, wurde erst 1987 entdeckt', '… im Mai zugestimmt,
    die Kosten … zu tragen, meldeten Zeitungen am Freitag'). The first clause must say more than its time."""
    if first.edtf is None or second.edtf is None or first.edtf == second.edtf:
        return None
    a, b = (re.sub(r"[~?%]", "", t.edtf) for t in (first, second))
    if a.startswith(b) or b.startswith(a):  # 'listed on 5 March, becoming the biggest listing in 2031': one time
        return None
    commas = list(re.finditer(r",\s", between))
    fronted = [c for c in commas[:1] if not between[:c.start()].strip() and len(before.split()) >= 2]
    later = [c for c in reversed(commas) if between[c.end():].strip()
             and len(before.split()) + len(between[:c.start()].split()) >= 3]
    # a comma right before the second time after a clause of its own: an elliptical clause with that time
    # ('2002 hatte der Klub den Titel gewonnen, 2014 zum letzten Mal im Finale gestanden')
    elliptical = [c for c in commas[-1:] if not between[c.end():].strip()
                  and len(before.split()) + len(between[:c.start()].split()) >= 4]
    return (fronted or later or elliptical or [None])[0]


def _note_actors(ev: EventCand, made: list[EventCand], events: list[EventCand], ents: Entities, sent: Sentence,
                 speaker: str | None, speakers_with_event: set[str]) -> None:
    """A new event's actors: inherited when it names none, its speaker first; the people it names by name and
    its speaker now have an event (their next quote alone makes none)."""
    _inherit_actors(ev, made, events, ents)
    for i in ev.entities:
        if ents.entities[i].type == "person" and any(
                m.key == i and m.via == "name" for m in ents.in_sentence(sent.index)):
            speakers_with_event.add(i)
    if speaker:
        speakers_with_event.add(speaker)
        if speaker not in ev.entities:
            ev.entities.insert(0, speaker)


def _inherit_actors(ev: EventCand, made: list[EventCand], events: list[EventCand], ents: Entities) -> None:
    """No actor: the organisations of recent events, else their people; a product without an organisation:
    its maker, the organisation the story was last about."""
    maker_only = _has_agent(ev.entities, ents) and _lacks_maker(ev.entities, ents)
    kinds = ("organization",) if maker_only else ("organization", "person") \
        if not _has_agent(ev.entities, ents) else ()
    if not kinds or not events or len(events) <= len(made):
        return
    recent = events[max(0, len(events) - len(made) - 3):len(events) - len(made)]
    for kind in kinds:
        extra = [i for e in reversed(recent) for i in e.entities if ents.entities[i].type == kind]
        if extra:
            extra = extra[:1] if maker_only else extra
            ev.entities += [i for i in dict.fromkeys(extra) if i not in ev.entities]
            return


def inherit_dates(events: list[EventCand], cleaned: Cleaned) -> None:
    """An event told without a time of its own happened when the story's last dated happening did ('Der Absatz
    sank im Oktober. Nach Angaben des Verbands legten nur …' is October too); before any dated event, the day
    (or month) of publication. An inherited date is a guess the text does not state: uncertain ('?', so nothing
    treats it as a stated date). An event whose own time expression could not be resolved ('am Montag' in an
    undated article) stays undated; an open interval ('bis 2027', 'seit 2019') and a plan after publication
    ('morgen folgt …') are nobody's date to inherit."""
    pub, month = cleaned.published_date, cleaned.published_month
    anchor = f"{pub.isoformat()}?" if pub else f"{month[0]:04d}-{month[1]:02d}?" if month else None
    last, last_para = anchor, -1
    story = (last, last_para)  # the last dated happening not told as a flashback (pluperfect)
    told: list[tuple[set[str], str]] = []  # the words of each dated happening so far, with its date as guessed
    rules = lang_rules(cleaned.language)
    para = {s.index: s.para for s in cleaned.sentences}
    for ev in events:
        if ev.date:
            if ".." not in ev.date and not (pub and re.sub(r"[~?%]", "", ev.date)[:10] > pub.isoformat()):
                last = "/".join(re.sub(r"[~?%]$", "", part) + "?" for part in ev.date.split("/"))
                last_para = para.get(ev.sentence, -1)
                if not tells_pluperfect(ev.summary, cleaned.language):
                    story = (last, last_para)
                if not ev.date.endswith("?"):
                    told.append(({w.lower() for w in re.findall(r"\w{5,}", ev.summary)}, last))
            continue
        if any(src.time_expression for src in ev.sources[:1]):
            continue  # its own time, unresolved for want of a publication date
        prev, prev_para = (last, last_para) if tells_pluperfect(ev.summary, cleaned.language) else story
        ev.date = _referred_date(ev.summary, told, rules) or (
            anchor if _background(prev, pub) and para.get(ev.sentence, -1) != prev_para else prev)


def _background(date: str | None, pub: dt.date | None) -> bool:
    """A whole year or more before the year of publication ('2002 hatte der Klub den Titel gewonnen'): the
    story's background, whose time a later paragraph does not continue."""
    if date is None or pub is None:
        return False
    parts = [re.sub(r"[~?%]", "", p) for p in date.split("/")]
    return all(len(p) == 4 and p.isdigit() for p in parts) and int(parts[-1]) < pub.year


def _referred_date(text: str, told: list[tuple[set[str], str]], rules: LangRules) -> str | None:
    """The date of the happening a definite description refers back to ('The huge 40-metre landslide
    blocked …' after 'A strong landslide buried … on Monday'; 'die das Urteil sprach' after 'am
    Dienstag verurteilt'): for the first description that refers back, the latest dated happening told with
    one of its first two nouns (or a word that holds it: 'Urteil' in 'verurteilt'). Generic
    actor and place nouns ('the company', 'die Stadt') refer to entities, not happenings."""
    generic = {p.split()[-1].lower() for p in rules.pronouns["org"]} | {p.lower() for p in rules.time.place_nouns}
    articles = alternation(rules.time.definite_articles)
    for dm in re.finditer(r"(?<!\w)(?:" + articles + r")((?:\s+[\w.-]+){1,4})", text, re.IGNORECASE):
        nouns = [w for w in dm.group(1).split() if len(w) >= 5 and w.isalpha()
                 and w[:1].isupper() == rules.nouns_capitalised]
        heads = {n.lower() for n in nouns[:2] if n.lower() not in generic and n.lower() not in rules.stopwords}
        for words, date in reversed(told):  # the first description that refers back decides
            if any(h in w or w in h and len(w) >= len(h) - 1 for h in heads for w in words):
                return date
    return None


def link_references(events: list[EventCand], cleaned: Cleaned, ents: Entities) -> None:
    """The entities an event's text refers to without naming them: a leading pronoun ('She had lost …') is the
    last-named actor of its kind in the sentences before; a definite description ('The bank raised …', 'die
    Sonde') is the last-named entity whose name ends in that noun, or, for a generic actor noun ('the company'),
    the last-named organisation; a German compound that starts with an organisation's name
    ('Bundestagspräsidentin') involves that organisation."""
    rules = lang_rules(cleaned.language)
    named = [m for m in ents.sorted_mentions()[0] if m.via == "name" and m.key in ents.entities]
    for ev in events:
        src = ev.sources[0]
        clause = cleaned.text[src.start:src.end]
        before = [m for m in named if m.end <= src.start]
        after = [m for m in named if m.start >= src.end]
        found = [_pronoun_referent(clause, before, ents, rules), *_described(clause, before, after, ents, rules)]
        if rules.nouns_capitalised:
            found += _compound_orgs(clause, named, ents)
        for key in found:
            if key is not None and key not in ev.entities:
                ev.entities.append(key)


def _pronoun_referent(clause: str, before: list[Mention], ents: Entities, rules: LangRules) -> str | None:
    """The actor a clause's opening subject pronoun stands for: of the actors of its kind named in the three
    sentences before, the one named most often so far."""
    first = re.match(r"[\s„“\"«»‚‘]*(\w+)", clause)
    pronouns = rules.time.subject_pronouns
    if not first or not before:
        return None
    word = first.group(1)
    kinds = ({"person"} if word in pronouns["person"] else set()) | (
        {"organization", "product"} if word in pronouns["thing"] else set())
    return _salient(before, ents, kinds)


def _salient(before: list[Mention], ents: Entities, kinds: set[str]) -> str | None:
    """Of the entities of these kinds named in the three sentences before, the one named most often so far (the
    story's protagonist), then the latest."""
    if not before:
        return None
    last_sentence = before[-1].sentence
    recent = [m.key for m in before if last_sentence - m.sentence <= 2 and ents.entities[m.key].type in kinds]
    if not recent:
        return None
    counts = {k: sum(1 for m in before if m.key == k) for k in recent}
    return max(reversed(recent), key=lambda k: counts[k])


def _protagonist(named: list[Mention], ents: Entities, kinds: set[str]) -> str | None:
    """The entity of these kinds the whole article names most often (a generic 'das Unternehmen' before any
    name nearby, in a story whose headline names the company, refers to it); None on a tie."""
    counts: dict[str, int] = {}
    for m in named:
        if ents.entities[m.key].type in kinds:
            counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    return max(counts, key=counts.get) if ranked and (len(ranked) == 1 or ranked[0] > ranked[1]) else None


def _described(clause: str, before: list[Mention], after: list[Mention], ents: Entities,
               rules: LangRules) -> list[str]:
    """Entities named before that a definite description in the clause refers to ('the bank' -> the last-named
    '… National Bank', else the first named after; 'the company' -> the organisation the story is about)."""
    articles = alternation(rules.time.definite_articles)
    generic = {p.split()[-1].lower() for p in rules.pronouns["org"]}
    places = {p.lower() for p in rules.time.place_nouns}
    out = []
    for dm in re.finditer(r"(?<!\w)(?:" + articles + r")((?:\s+[\w’'-]+){1,4})", clause, re.IGNORECASE):
        # the head noun is one of the next few noun-shaped words ('the Czech Republic's central bank raised')
        nouns = {w.lower() for w in dm.group(1).split() if re.fullmatch(r"[\w-]{3,}", w)
                 and w[:1].isupper() == rules.nouns_capitalised and w.lower() not in rules.stopwords}
        if nouns & generic or nouns & places:  # 'the company', 'die Stadt': what the story is about
            kinds = {"organization"} if nouns & generic else {"place"}
            key = _salient(before, ents, kinds) or _protagonist([*before, *after], ents, kinds)
            out += [key] if key else []
            continue
        for m in [*reversed(before), *after] if nouns else []:  # the last named before, else the first after
            e = ents.entities[m.key]
            heads = {n.split()[-1].lower() for n in (e.name, *e.aliases) if n and len(n.split()) > 1}
            if nouns & heads:
                out.append(m.key)
                break
    return out


def _compound_orgs(clause: str, named: list[Mention], ents: Entities) -> list[str]:
    """Organisations whose one-word name or alias opens a German compound of the clause ('Bundestagspräsidentin',
    'Acmevorstand')."""
    orgs = {name: m.key for m in named if ents.entities[m.key].type == "organization"
            for name in (ents.entities[m.key].name, *ents.entities[m.key].aliases) if re.fullmatch(r"\w{4,}", name)}
    out = []
    for word in re.findall(r"\b[A-ZÄÖÜ]\w{6,}", clause):
        key = next((k for name, k in orgs.items() if len(word) > len(name) + 2 and word.startswith(name)
                    and word[len(name)].islower()), None)
        if key is not None:
            out.append(key)
    return out


def _merge_lead_twin(lead_event: EventCand, events: list[EventCand], cleaned: Cleaned,
                     anaphoric_start: re.Pattern) -> None:
    """The lead, told without a time expression, joins the first event of the same day: it keeps its title
    and takes the twin's date, sources, entities and quotes."""
    pub = cleaned.published_date
    day = lead_event.date.rstrip("~")
    twin = next((e for e in events if e is not lead_event and e.date and e.date.rstrip("~") == day
                 and e.sentence - lead_event.sentence <= 3), None)
    if twin is None:  # 'Das kündigte X am Montagabend an.', 'This was announced on Monday.' right after it
        by_index = {s.index: s for s in cleaned.sentences}
        twin = next((e for e in events if e.sentence == lead_event.sentence + 1 and e.date
                     and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.date.rstrip("~"))
                     and 0 <= (pub - dt.date.fromisoformat(e.date.rstrip("~"))).days <= 7
                     and anaphoric_start.match(by_index[e.sentence].text.lstrip())), None)
    if twin is not None:  # the lead tells the news: it keeps its title and takes the twin's date
        lead_event.sources = lead_event.sources + twin.sources
        lead_event.entities = lead_event.entities + [i for i in twin.entities if i not in lead_event.entities]
        lead_event.quotes = lead_event.quotes + twin.quotes
        lead_event.date = twin.date
        events.remove(twin)


def _filters(sent: Sentence, tes: list[TimeExpr], pat: EventPatterns, lang: str, ids: list[str],
             ents: Entities) -> dict[str, bool]:
    """Which of the rule filters match a sentence (features for the reviewer, whatever branch decided)."""
    text = sent.text
    return {"evaluation": bool(pat.evaluation.match(text)), "fragment": bool(tes) and _fragment(text, lang),
            "consequence": bool(pat.consequence.match(text)), "stative": bool(pat.stative.match(text)),
            "hedge": bool(pat.hedge.search(text)), "frame": bool(pat.frame.search(text)),
            "reporting_start": bool(pat.reporting.match(text)), "quote_start": bool(QUOTE_START.match(text)),
            "actor": _has_actor(ids, ents),
            "event_noun": bool(pat.event_noun.search(text)), "anaphora": any(p.search(text) for p in pat.anaphora),
            "bullet": bool(re.match(r"^\s*(?:\*\*|[*•])\s", text))}


def _relative_times_only(sent: Sentence, tes: list[TimeExpr], relative: re.Pattern) -> bool:
    """Every time of the sentence lies in a relative clause after a main clause of its own that runs to the
    sentence end ('The judge said her ruling was unrelated to the case for which he was fined last week'): those
    times date the relative clause's happening, not what the main clause tells."""
    first = min(t.start for t in tes) - sent.start
    m = next(reversed([r for r in relative.finditer(sent.text, 0, first)]), None)
    if m is None or len(sent.text[:m.start()].split()) < 4:
        return False
    return not re.search(r",\s", sent.text[m.end():])


def _fragment(sentence: str, lang: str) -> bool:
    """A short sentence without a finite verb ('Schon morgen in Kiel.'): a time and a place tell no happening
    (a longer verbless teaser, 'Verkehrsunfall am Samstag auf der B 12 …', names one)."""
    return len(sentence.split()) < FRAGMENT_WORDS and has_finite_verb(sentence, lang) is False


def _list_heading(text: str, sent: Sentence) -> bool:
    """A sentence ending in a colon right before a bulleted list: it introduces the list."""
    return sent.text.rstrip().endswith(":") and bool(re.match(r"\s*\n\s*[-*•–]\s", text[sent.end:sent.end + 20]))


def _bullet_line(text: str, sent: Sentence) -> bool:
    """A list item that tells something: a bulleted sentence; a bare label ('• Title of a Bill SB 12') is not."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    return bool(re.match(r"\s*(?:\*\*|[*•])\s", text[line_start:sent.start + 3])) and reads_as_sentence(sent.text)




def body_para(body: list[Sentence], index: int) -> int:
    """Paragraph number of a sentence index."""
    for s in body:
        if s.index == index:
            return s.para
    return -1


def assign_ids(events: list[EventCand], lang: str) -> None:
    """Stable, unique slugs: date + the involved entities + key words of the title."""
    stop = set(lang_rules(lang).stopwords) | {"sagte", "said", "sich", "haben", "wurde", "have"}
    used: set[str] = set()
    next_n: dict[str, int] = {}
    for ev in events:
        date = ""
        if ev.date:
            first = re.sub(r"[~?%]", "", ev.date.split("/")[0])
            date = first if first not in ("", "..") else re.sub(r"[~?%]", "", ev.date.split("/")[-1])
        words = [w for w in re.findall(r"\w+", (ev.id_basis or ev.title).lower())
                 if w not in stop and len(w) > 3 and not w.isdigit()]
        parts = [date] + words[:5]
        base = slugify(" ".join(p for p in parts if p))[:70].strip("-")
        ident, n = base, next_n.get(base, 2)
        while ident in used:  # the next free number for this base (remembered: linear for many equal titles)
            ident = f"{base}-{n}"
            n += 1
        if ident != base:
            next_n[base] = n
        used.add(ident)
        ev.id = ident
