"""A small, valid content tree that exercises every date precision the explorer draws."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chronik.model import write_yaml

ARTICLE_ID = "2026-01-16-testzeitung-ki-chips"
ARTICLE_TEXT = (
    "Chinas KI-Hoffnungen stoßen an Grenzen.\n\n"
    "Zhipu wurde von Tang Jie gegründet. "
    "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor. "
    "Nvidia-Chef Jensen Huang sprach im Januar 2026 über Exportregeln. "
    "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an. "
    "Bis zum 16. Januar 2026 galt ein Exportstopp der USA. "
    "Seit Februar 2026 investiert China in eigene Rechenzentren.\n"
)

ENTITIES: dict[str, dict[str, Any]] = {
    "zhipu": {
        "name": "Zhipu AI",
        "type": "organization",
        "aliases": ["Zhipu"],
        "description": "KI-Unternehmen aus Peking.",
    },
    "tang-jie": {"name": "Tang Jie", "type": "person", "relations": [{"type": "founder_of", "target": "zhipu"}]},
    "nvidia": {"name": "Nvidia", "type": "organization"},
    "jensen-huang": {"name": "Jensen Huang", "type": "person", "relations": [{"type": "ceo_of", "target": "nvidia"}]},
    "huawei": {"name": "Huawei", "type": "organization", "relations": [{"type": "located_in", "target": "china"}]},
    "glm-4": {"name": "GLM-4", "type": "product", "relations": [{"type": "made_by", "target": "zhipu"}]},
    "china": {"name": "China", "type": "place"},
    "usa": {"name": "Vereinigte Staaten", "type": "place", "aliases": ["USA"]},
}

#: (id, date, title, entities, tags, sentence of the article used as source)
EVENTS: list[tuple[str, str | None, str, list[str], list[str], str]] = [
    (
        "zhipu-gegruendet",
        "2019",
        "Zhipu gegründet",
        ["zhipu", "tang-jie"],
        ["gruendung"],
        "Zhipu wurde von Tang Jie gegründet.",
    ),
    (
        "glm-4-vorgestellt",
        "2025-23",
        "Zhipu stellt GLM-4 vor",
        ["zhipu", "glm-4"],
        ["modell"],
        "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor.",
    ),
    (
        "huang-exportregeln",
        "2026-01",
        "Jensen Huang über Exportregeln",
        ["jensen-huang", "nvidia", "usa"],
        ["export"],
        "Nvidia-Chef Jensen Huang sprach im Januar 2026 über Exportregeln.",
    ),
    (
        "huawei-chips",
        "2026-01-10/2026-01-11",
        "Huawei kündigt Chips an",
        ["huawei", "china"],
        ["chips"],
        "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an.",
    ),
    (
        "exportstopp-usa",
        "../2026-01-16",
        "Exportstopp der USA",
        ["usa", "nvidia"],
        ["export", "chips"],
        "Bis zum 16. Januar 2026 galt ein Exportstopp der USA.",
    ),
    (
        "china-rechenzentren",
        "2026-02/..",
        "China investiert in Rechenzentren",
        ["china"],
        ["infrastruktur"],
        "Seit Februar 2026 investiert China in eigene Rechenzentren.",
    ),
    (
        "artikel-erschienen",
        "2026-01-16",
        "Bericht über Chinas KI-Grenzen",
        ["china", "usa", "zhipu"],
        ["chips"],
        "Chinas KI-Hoffnungen stoßen an Grenzen.",
    ),
    (
        "glm-4-ungefaehr",
        "2025-06~",
        "Erste Tests von GLM-4",
        ["glm-4"],
        ["modell"],
        "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor.",
    ),
    (
        "ohne-datum",
        None,
        "Undatierte Ankündigung von Huawei",
        ["huawei"],
        ["chips"],
        "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an.",
    ),
]


def source(sentence: str) -> dict[str, Any]:
    """A source pointing at ``sentence`` in the test article."""
    start = ARTICLE_TEXT.index(sentence)
    return {"article": ARTICLE_ID, "quote": sentence, "start": start, "end": start + len(sentence)}


def write_small_content(root: Path, extra_events: int = 24) -> Path:
    """Write the test content tree under ``root`` (articles/, events/, entities/); returns ``root``.

    ``extra_events`` adds day-precision events spread over 2025 and 2026 so lanes and zoom have
    something to show.
    """
    for kind in ("articles", "events", "entities"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"{ARTICLE_ID}.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    write_yaml(
        root / "articles" / f"{ARTICLE_ID}.yaml",
        {
            "title": "Chinas KI-Hoffnungen stoßen an Grenzen",
            "outlet": "Testzeitung",
            "url": "https://example.org/artikel",
            "published": "2026-01-16T13:20",
            "language": "de",
        },
        "article",
    )
    for eid, data in ENTITIES.items():
        body = {"origin": "manual", **data}
        write_yaml(root / "entities" / f"{eid}.yaml", body, "entity")
    events = list(EVENTS)
    names = list(ENTITIES)
    for i in range(extra_events):
        month = 1 + (i * 5) % 12
        year = 2025 + (i % 2)
        ents = [names[i % len(names)], names[(i * 3 + 1) % len(names)]]
        events.append(
            (
                f"meldung-{i:02d}",
                f"{year}-{month:02d}-{1 + (i * 7) % 28:02d}",
                f"Meldung Nummer {i}",
                sorted(set(ents)),
                ["meldung"] + (["chips"] if i % 3 == 0 else []),
                "Chinas KI-Hoffnungen stoßen an Grenzen.",
            )
        )
    for eid, date, title, ents, tags, sentence in events:
        write_yaml(
            root / "events" / f"{eid}.yaml",
            {
                "date": date,
                "title": title,
                "summary": f"Zusammenfassung: {title}.",
                "entities": ents,
                "tags": tags,
                "sources": [source(sentence)],
                "origin": "extracted",
            },
            "event",
        )
    return root
