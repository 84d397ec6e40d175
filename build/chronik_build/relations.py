"""Relation stage: person–role–organisation and product–maker links from the words around mentions.

Patterns (all words from rules/<lang>/lang.yaml): an apposition with a role word ('Anna Berger, Gründerin des …
Unternehmens Acme'), an organisation glued to a role before a name ('Acme-Analyst Tom Field',
'Acme CEO Tom Field'), 'X von Y' / 'X of Y', leaving and leading verbs ('Berger verließ Acme, um …
Globex zu leiten'), and a maker's genitive or possessive before a product ('Acmes Orion-Serie').
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .doc import Cleaned, Entities, Mention, RelationCand, Sentence, SourceRef
from .rules import lang_rules


def _role_type(word: str, roles: dict[str, list[str]]) -> str | None:
    for rtype, words in roles.items():
        if word in words or word.split("-")[-1] in words or word.lower() in [w.lower() for w in words]:
            return rtype
    return None


@dataclass
class _Relations:
    """What the relation passes share: the article, its rules, the entity types, and the relations found."""

    text: str
    roles: Mapping[str, tuple[str, ...]]
    place_roles: set[str]
    lead: tuple[str, ...]
    leave: tuple[str, ...]
    etype: dict[str, str]
    out: list[RelationCand] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def fits(self, rtype: str, target_type: str | None) -> bool:
        """A place role ('mayor_of') points at a place, every other role at an organisation."""
        return target_type == ("place" if rtype in self.place_roles else "organization")

    def add(self, src: str, rtype: str, tgt: str, sent: Sentence) -> None:
        """One relation with its sentence as evidence; a repeat or a self-relation is dropped."""
        if src == tgt or (src, rtype, tgt) in self.seen:
            return
        self.seen.add((src, rtype, tgt))
        self.out.append(RelationCand(src, rtype, tgt, SourceRef(sent.start, sent.end, sent.text)))


def find_relations(cleaned: Cleaned, ents: Entities) -> list[RelationCand]:
    """Relations between entities of the article (deduplicated, first evidence kept)."""
    rules = lang_rules(cleaned.language)
    rel = _Relations(text=cleaned.text, roles=rules.roles, place_roles=set(rules.place_roles),
                     lead=tuple(rules.lead_verbs), leave=tuple(rules.leave_verbs),
                     etype={k: e.type for k, e in ents.entities.items()})
    by_sent: dict[int, list[Mention]] = {}
    for m in ents.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    for sent in cleaned.body:
        named = [m for m in sorted(by_sent.get(sent.index, []), key=lambda m: m.start) if m.via == "name"]
        for i, m in enumerate(named):
            t = rel.etype.get(m.key)
            if t == "person":
                _person_relations(rel, sent, named, i)
            elif t == "product":
                _product_maker(rel, sent, named, i)
    return rel.out


def _person_relations(rel: _Relations, sent: Sentence, named: list[Mention], i: int) -> None:
    """The relations of one named person, the first pattern that settles it winning."""
    m, text, etype = named[i], rel.text, rel.etype
    window_end = min(sent.end, m.end + 120)
    nxt_person = next((x.start for x in named[i + 1:] if etype.get(x.key) == "person"), window_end)
    window = text[m.end:min(window_end, nxt_person)]
    window = re.split(r"[.;“”„«»\"]|\s(?:sagte|said|sieht|sees)\s", window)[0]
    orgs = [x for x in named[i + 1:] if etype.get(x.key) in ("organization", "product")
            and x.start < m.end + len(window)]
    if _apposition_role(rel, sent, named, i, window, orgs):
        return
    if orgs and text[m.end:orgs[0].start] == " (" and text[orgs[0].end:orgs[0].end + 1] == ")":
        rel.add(m.key, "member_of", orgs[0].key, sent)  # 'Anna Berger (SPD)'
        return
    vm = re.match(r"\s+(?:von|of|from|bei|at)\s+$", text[m.end:orgs[0].start]) if orgs else None
    if vm and etype[orgs[0].key] == "organization":
        rel.add(m.key, "works_for", orgs[0].key, sent)
    if _former_employer(rel, sent, named, m):
        return
    _leave_and_lead(rel, sent, m, orgs)
    _role_before_name(rel, sent, named, m)
    _relative_clause(rel, sent, named, m)


def _apposition_role(rel: _Relations, sent: Sentence, named: list[Mention], i: int, window: str,
                     orgs: list[Mention]) -> bool:
    """'Anna Berger, Gründerin des … Unternehmens Acme': the role word after the name and its organisation
    (or place, for a place role); whether a relation was added."""
    m = named[i]
    role_m = None
    for w in re.finditer(r"[\w-]+", window):
        rt = _role_type(w.group(0), rel.roles)
        if rt:
            role_m = (rt, m.end + w.end())
            break
    if not role_m or not window.lstrip().startswith((",", "(")):
        return False
    cands = orgs if role_m[0] not in rel.place_roles else [
        x for x in named[i + 1:] if rel.etype.get(x.key) == "place" and x.start < m.end + len(window)]
    tgt = next((x for x in cands if x.start >= role_m[1] - 1), None)
    if tgt and rel.fits(role_m[0], rel.etype[tgt.key]):
        rel.add(m.key, role_m[0], tgt.key, sent)
        return True
    return False


def _former_employer(rel: _Relations, sent: Sentence, named: list[Mention], m: Mention) -> bool:
    """'former Google researcher David Chen', 'der frühere Siemens-Manager X'; whether a relation was added."""
    fm = re.search(r"\b(?:former|ex-|ehemalige[nrs]?|frühere[nrs]?)\s*([\w.&-]+)[- ][\w-]*\s+$",
                   rel.text[max(sent.start, m.start - 60):m.start], re.IGNORECASE)
    if not fm:
        return False
    org = next((x for x in named if x.end <= m.start and x.start >= m.start - 60 and
                rel.etype.get(x.key) == "organization"), None)
    if org is None:
        return False
    rel.add(m.key, "former_employee_of", org.key, sent)
    return True


def _leave_and_lead(rel: _Relations, sent: Sentence, m: Mention, orgs: list[Mention]) -> None:
    """Verbs: 'Berger verließ Acme' (former employee), '… um Globex zu leiten' (leads)."""
    text = rel.text
    rest = text[m.end:sent.end]
    for v in rel.leave:
        lm = re.match(r"\s+(?:\w+\s+){0,2}?" + re.escape(v) + r"\s+(?:\w+\s+){0,2}?$",
                      rest[: (orgs[0].start - m.end) if orgs else 0] + " ") if orgs else None
        if lm and rel.etype[orgs[0].key] == "organization":
            rel.add(m.key, "former_employee_of", orgs[0].key, sent)
    for o in orgs:
        seg = text[o.end:min(sent.end, o.end + 40)]
        if re.match(r"\s+(?:zu\s+)?(?:" + "|".join(map(re.escape, rel.lead)) + r")\b", seg) and \
                re.search(r"\b(?:um|to)\b", text[m.end:o.start]):
            rel.add(m.key, "leads", o.key, sent)


def _role_before_name(rel: _Relations, sent: Sentence, named: list[Mention], m: Mention) -> None:
    """'Acme-Analyst Tom Field', 'Acme CEO Tom Field': a role glued to the organisation before the name."""
    before = rel.text[max(sent.start, m.start - 40):m.start]
    bm = re.search(r"([\w.-]+)[- ]([\w-]+)\s+$", before)
    if not bm:
        return
    rt = _role_type(bm.group(2), rel.roles)
    near = [x for x in named if x.end <= m.start and x.start >= m.start - 40 and
            rt and rel.fits(rt, rel.etype.get(x.key))]
    org = max(near, key=lambda x: x.start) if near else None  # the nearest before the role
    if rt and org is not None and rt != "leads":
        rel.add(m.key, rt, org.key, sent)


def _relative_clause(rel: _Relations, sent: Sentence, named: list[Mention], m: Mention) -> None:
    """'…, der die Entwicklung von … X leitet': what a relative clause says the person leads or works for."""
    found = re.match(r",\s+(?:der|die|who)\s+([^,.]{0,100}?)\s+(?:" + "|".join(map(re.escape, rel.lead)) +
                     r")\b", rel.text[m.end:sent.end])
    if not found:
        return
    for x in (x for x in named if m.end < x.start < m.end + found.end()):
        if rel.etype.get(x.key) == "product":
            rel.add(m.key, "leads", x.key, sent)
        elif rel.etype.get(x.key) == "organization":
            rel.add(m.key, "works_for", x.key, sent)


def _product_maker(rel: _Relations, sent: Sentence, named: list[Mention], i: int) -> None:
    """A product's maker: the organisation's genitive before it ('Acmes Orion-Serie'), or a possessive pointing
    back to the subject ('Acme … its Orion chips')."""
    m, text = named[i], rel.text
    prev_org = next((x for x in reversed(named[:i]) if rel.etype.get(x.key) == "organization"), None)
    if prev_org is None:
        return
    gap = text[prev_org.end:m.start]
    sur = text[prev_org.start:prev_org.end]
    if (sur.endswith(("s", "'s", "’s")) and len(gap) <= 14 and re.fullmatch(r"[\s\w-]*", gap)) or \
            re.search(r"\b(?:sein|seine|seinen|seines|seiner|its|their)\s+(?:\w+\s+)?$", gap):
        rel.add(m.key, "made_by", prev_org.key, sent)
