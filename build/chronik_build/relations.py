"""Relation stage: person–role–organisation and product–maker links from the words around mentions.

Patterns (all words from rules/<lang>/lang.yaml): an apposition with a role word ('Anna Berger, Gründerin des …
Unternehmens Acme'), an organisation glued to a role before a name ('Acme-Analyst Tom Field',
'Acme CEO Tom Field'), 'X von Y' / 'X of Y', leaving and leading verbs ('Berger verließ Acme, um …
Globex zu leiten'), and a maker's genitive or possessive before a product ('Acmes Orion-Serie').
"""

from __future__ import annotations

import re

from .doc import Cleaned, Entities, Mention, RelationCand, SourceRef
from .rules import lang_rules


def _role_type(word: str, roles: dict[str, list[str]]) -> str | None:
    for rtype, words in roles.items():
        if word in words or word.split("-")[-1] in words or word.lower() in [w.lower() for w in words]:
            return rtype
    return None


def find_relations(cleaned: Cleaned, ents: Entities) -> list[RelationCand]:
    """Relations between entities of the article (deduplicated, first evidence kept)."""
    rules = lang_rules(cleaned.language)
    roles = rules.roles
    place_roles = set(rules.place_roles)

    def fits(rtype: str, target_type: str | None) -> bool:
        return target_type == ("place" if rtype in place_roles else "organization")
    text = cleaned.text
    out: list[RelationCand] = []
    seen: set[tuple[str, str, str]] = set()
    by_sent: dict[int, list[Mention]] = {}
    for m in ents.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    etype = {k: e.type for k, e in ents.entities.items()}

    def add(src: str, rtype: str, tgt: str, sent) -> None:
        if src == tgt or (src, rtype, tgt) in seen:
            return
        seen.add((src, rtype, tgt))
        out.append(RelationCand(src, rtype, tgt, SourceRef(sent.start, sent.end, sent.text)))

    leave = [v for v in rules.leave_verbs]
    lead = [v for v in rules.lead_verbs]
    for sent in cleaned.body:
        ms = sorted(by_sent.get(sent.index, []), key=lambda m: m.start)
        named = [m for m in ms if m.via == "name"]
        for i, m in enumerate(named):
            t = etype.get(m.key)
            if t == "person":
                # after the name: apposition or 'von/of X'
                window_end = min(sent.end, m.end + 120)
                nxt_person = next((x.start for x in named[i + 1:] if etype.get(x.key) == "person"), window_end)
                window = text[m.end:min(window_end, nxt_person)]
                window = re.split(r"[.;“”„«»\"]|\s(?:sagte|said|sieht|sees)\s", window)[0]
                role_m = None
                for w in re.finditer(r"[\w-]+", window):
                    rt = _role_type(w.group(0), roles)
                    if rt:
                        role_m = (rt, m.end + w.end())
                        break
                orgs = [x for x in named[i + 1:] if etype.get(x.key) in ("organization", "product")
                        and x.start < m.end + len(window)]
                if role_m and window.lstrip().startswith((",", "(")):
                    cands = orgs if role_m[0] not in place_roles else [
                        x for x in named[i + 1:] if etype.get(x.key) == "place" and x.start < m.end + len(window)]
                    tgt = next((x for x in cands if x.start >= role_m[1] - 1), None)
                    if tgt and fits(role_m[0], etype[tgt.key]):
                        add(m.key, role_m[0], tgt.key, sent)
                        continue
                if orgs and text[m.end:orgs[0].start] == " (" and text[orgs[0].end:orgs[0].end + 1] == ")":
                    add(m.key, "member_of", orgs[0].key, sent)  # 'Anna Berger (SPD)'
                    continue
                vm = re.match(r"\s+(?:von|of|from|bei|at)\s+$", text[m.end:orgs[0].start]) if orgs else None
                if vm and etype[orgs[0].key] == "organization":
                    add(m.key, "works_for", orgs[0].key, sent)
                # 'former Google researcher David Chen', 'der frühere Siemens-Manager X'
                fm = re.search(r"\b(?:former|ex-|ehemalige[nrs]?|frühere[nrs]?)\s*([\w.&-]+)[- ][\w-]*\s+$",
                               text[max(sent.start, m.start - 60):m.start], re.IGNORECASE)
                if fm:
                    org = next((x for x in named if x.end <= m.start and x.start >= m.start - 60 and
                                etype.get(x.key) == "organization"), None)
                    if org is not None:
                        add(m.key, "former_employee_of", org.key, sent)
                        continue
                # verbs: leaving and leading
                rest = text[m.end:sent.end]
                for v in leave:
                    lm = re.match(r"\s+(?:\w+\s+){0,2}?" + re.escape(v) + r"\s+(?:\w+\s+){0,2}?$",
                                  rest[: (orgs[0].start - m.end) if orgs else 0] + " ") if orgs else None
                    if lm and etype[orgs[0].key] == "organization":
                        add(m.key, "former_employee_of", orgs[0].key, sent)
                for o in orgs:
                    seg = text[o.end:min(sent.end, o.end + 40)]
                    if re.match(r"\s+(?:zu\s+)?(?:" + "|".join(map(re.escape, lead)) + r")\b", seg) and \
                            re.search(r"\b(?:um|to)\b", text[m.end:o.start]):
                        add(m.key, "leads", o.key, sent)
                # before the name: 'Acme-Analyst Tom Field', 'Acme CEO Tom Field'
                before = text[max(sent.start, m.start - 40):m.start]
                bm = re.search(r"([\w.-]+)[- ]([\w-]+)\s+$", before)
                if bm:
                    rt = _role_type(bm.group(2), roles)
                    near = [x for x in named if x.end <= m.start and x.start >= m.start - 40 and
                            rt and fits(rt, etype.get(x.key))]
                    org = max(near, key=lambda x: x.start) if near else None  # the nearest before the role
                    if rt and org is not None and rt != "leads":
                        add(m.key, rt, org.key, sent)
                # relative clause 'der die Entwicklung von … X leitet'
                rel = re.match(r",\s+(?:der|die|who)\s+([^,.]{0,100}?)\s+(?:" + "|".join(map(re.escape, lead)) +
                               r")\b", text[m.end:sent.end])
                if rel:
                    inner = [x for x in named if m.end < x.start < m.end + rel.end()]
                    for x in inner:
                        if etype.get(x.key) == "product":
                            add(m.key, "leads", x.key, sent)
                        elif etype.get(x.key) == "organization":
                            add(m.key, "works_for", x.key, sent)
            elif t == "product":
                # maker: genitive before the product, or a possessive pointing back to the subject
                prev_org = next((x for x in reversed(named[:i]) if etype.get(x.key) == "organization"), None)
                if prev_org is None:
                    continue
                gap = text[prev_org.end:m.start]
                sur = text[prev_org.start:prev_org.end]
                if (sur.endswith(("s", "'s", "’s")) and len(gap) <= 14 and re.fullmatch(r"[\s\w-]*", gap)) or \
                        re.search(r"\b(?:sein|seine|seinen|seines|seiner|its|their)\s+(?:\w+\s+)?$", gap):
                    add(m.key, "made_by", prev_org.key, sent)
    return out
