"""The site's own interface strings, per language (German first; English works too).

Type and relation labels come from :mod:`chronik.model.vocab`; dates from
:func:`chronik.model.format_edtf`. Everything else the site says is here, so a
translation is one more table.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "timeline": "Zeitleiste",
        "timeline_intro": "Alle Ereignisse in zeitlicher Reihenfolge, nach Jahren geteilt.",
        "entities": "Akteure",
        "entities_intro": "Unternehmen, Personen, Produkte und Orte, die in den Ereignissen vorkommen.",
        "sources": "Quellen",
        "sources_intro": "Die ausgewerteten Artikel. Jede markierte Stelle ist mit dem verknüpft, was aus ihr "
        "gewonnen wurde.",
        "undated": "Ohne Datum",
        "spanning": "{year}: mehrere Monate oder ganzes Jahr",
        "years": "Jahre",
        "events": "Ereignisse",
        "event_count_one": "1 Ereignis",
        "event_count": "{n} Ereignisse",
        "entity_count_one": "1 Akteur",
        "entity_count": "{n} Akteure",
        "source_count_one": "1 Quelle",
        "source_count": "{n} Quellen",
        "approximate": "ungefähr",
        "uncertain": "unsicher",
        "source": "Quelle",
        "source_of": "Quelle: {outlet}",
        "permalink": "Link zu diesem Ereignis",
        "involved": "Beteiligt",
        "description": "Beschreibung",
        "aliases": "Auch genannt",
        "links": "Weblinks",
        "relations": "Beziehungen",
        "facts": "Kennzahlen",
        "quotes": "Zitate",
        "said": "gesagt",
        "no_events": "Keine Ereignisse.",
        "outlet": "Medium",
        "published": "Veröffentlicht",
        "author": "Autor",
        "language": "Sprache",
        "original": "Originalartikel",
        "text": "Bereinigter Text",
        "spans_legend": "Markierte Stellen belegen Ereignisse, Zitate, Beziehungen und Kennzahlen; der Pfeil "
        "danach führt zu dem, was aus der Stelle gewonnen wurde.",
        "span_event": "Ereignis",
        "span_quote": "Zitat",
        "span_relation": "Beziehung",
        "span_fact": "Kennzahl",
        "unknown_speaker": "unbekannt",
        "latest": "Neueste Ereignisse",
        "coverage": "Zeitraum",
        "coverage_text": "{first} bis {last}",
        "counts": "Umfang",
        "entry_points": "Einstiege",
        "to_timeline": "Zur Zeitleiste",
        "to_entities": "Alle Akteure",
        "to_sources": "Alle Quellen",
        "to_tags": "Alle Schlagworte",
        "busiest_of_type": "Die {n} mit den meisten Ereignissen.",
        "all_of_type": "Alle {n} ({type})",
        "year_events": "{year}: {n}",
        "reviewed": "geprüft",
        "unreviewed": "ungeprüft",
        "origin_manual": "von Hand erfasst",
        "tags": "Schlagworte",
        "tags_intro": "Jedes Schlagwort mit der Zahl seiner Ereignisse.",
        "tag_count_one": "1 Schlagwort",
        "tag_count": "{n} Schlagworte",
        "tag_title": "Schlagwort: {tag}",
        "tag_feed": "Feed zum Schlagwort {tag} (Atom)",
        "on_timeline": "In der Zeitleiste",
        "neighbours": "Vorheriges und nächstes Ereignis",
        "previous": "Vorher",
        "pages": "Seiten",
        "page_of": "Seite {n} von {total}",
        "show_all": "Alle {n} Ereignisse, nach Jahren",
        "newest_shown": "Die {shown} neuesten von {n} Ereignissen.",
        "next": "Danach",
        "months": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        # Labels of the default mkdocs.yml (nav, palette toggles, description): switched with the language.
        "nav_home": "Start",
        "nav_graph": "Netzwerk",
        "nav_data": "Daten",
        "nav_about": "Über",
        "palette_to_dark": "Dunkles Farbschema",
        "palette_to_light": "Helles Farbschema",
        "site_description": "Nachrichten als verknüpfte Zeitleiste",
    },
    "en": {
        "timeline": "Timeline",
        "timeline_intro": "Every event in chronological order, split by year.",
        "entities": "Entities",
        "entities_intro": "Organizations, people, products and places that appear in the events.",
        "sources": "Sources",
        "sources_intro": "The articles analysed. Every highlighted passage links to what was taken from it.",
        "undated": "Undated",
        "spanning": "{year}: several months or the whole year",
        "years": "Years",
        "events": "Events",
        "event_count_one": "1 event",
        "event_count": "{n} events",
        "entity_count_one": "1 entity",
        "entity_count": "{n} entities",
        "source_count_one": "1 source",
        "source_count": "{n} sources",
        "approximate": "approximate",
        "uncertain": "uncertain",
        "source": "Source",
        "source_of": "Source: {outlet}",
        "permalink": "Link to this event",
        "involved": "Involved",
        "description": "Description",
        "aliases": "Also known as",
        "links": "Links",
        "relations": "Relations",
        "facts": "Key figures",
        "quotes": "Quotes",
        "said": "said",
        "no_events": "No events.",
        "outlet": "Outlet",
        "published": "Published",
        "author": "Author",
        "language": "Language",
        "original": "Original article",
        "text": "Cleaned text",
        "spans_legend": "Highlighted passages support events, quotes, relations and figures; the arrow after "
        "each leads to what was taken from it.",
        "span_event": "Event",
        "span_quote": "Quote",
        "span_relation": "Relation",
        "span_fact": "Figure",
        "unknown_speaker": "unknown",
        "latest": "Latest events",
        "coverage": "Period",
        "coverage_text": "{first} to {last}",
        "counts": "Scope",
        "entry_points": "Start here",
        "to_timeline": "Open the timeline",
        "to_entities": "All entities",
        "to_sources": "All sources",
        "to_tags": "All tags",
        "busiest_of_type": "The {n} in the most events.",
        "all_of_type": "All {n} ({type})",
        "year_events": "{year}: {n}",
        "reviewed": "reviewed",
        "unreviewed": "not reviewed",
        "origin_manual": "added by hand",
        "tags": "Tags",
        "tags_intro": "Every tag with the number of its events.",
        "tag_count_one": "1 tag",
        "tag_count": "{n} tags",
        "tag_title": "Tag: {tag}",
        "tag_feed": "Feed for the tag {tag} (Atom)",
        "on_timeline": "On the timeline",
        "neighbours": "Previous and next event",
        "previous": "Previous",
        "pages": "Pages",
        "page_of": "page {n} of {total}",
        "show_all": "All {n} events, by year",
        "newest_shown": "The {shown} newest of {n} events.",
        "next": "Next",
        "months": "January February March April May June July August September October November December",
        "nav_home": "Home",
        "nav_graph": "Network",
        "nav_data": "Data",
        "nav_about": "About",
        "palette_to_dark": "Switch to dark mode",
        "palette_to_light": "Switch to light mode",
        "site_description": "News as a linked timeline",
    },
}

#: The explorer's strings (filters, visual timeline, results, graphs). Its scripts receive them as JSON
#: from the page (plugins/chronik/explorer); they join the tables above so there is one table per language.
STRINGS["de"].update(
    {
        "x_filters": "Ereignisse filtern",
        "x_entity": "Akteur",
        "x_entity_placeholder": "Name eingeben …",
        "x_type": "Typ",
        "x_tag": "Schlagwort",
        "x_from": "Von",
        "x_to": "Bis",
        "x_all": "Alle",
        "x_clear": "Filter zurücksetzen",
        "x_count": "{n} von {total} Ereignissen",
        "x_count_page": "{n} von {total} Ereignissen (auf dieser Seite {p})",
        "x_loading": "lädt …",
        "x_selected": "Ausgewählte Akteure",
        "x_remove": "{name} entfernen",
        "x_vis": "Zeitleiste",
        "x_zoom_in": "Vergrößern",
        "x_zoom_out": "Verkleinern",
        "x_fit": "Alles zeigen",
        "x_lanes": "Bahnen",
        "x_lanes_all": "alle zusammen",
        "x_lanes_type": "nach Typ",
        "x_lanes_entity": "nach Akteur",
        "x_other": "Ohne Zuordnung",
        "x_no_match": "Keine Treffer",
        "x_vis_help": "Zeitleiste. Pfeiltasten links und rechts wählen ein Ereignis, Eingabe öffnet es oder "
        "klappt eine Gruppe auf, Plus und Minus zoomen, Bild auf und ab oder Umschalt mit Pfeiltasten verschieben, "
        "0 zeigt alles.",
        "x_visible": "Im Ausschnitt gezeigt",
        "x_cluster": "{n} Ereignisse",
        "x_today": "heute",
        "x_published": "zuletzt veröffentlicht",
        "x_overview": "Übersicht: Fenster ziehen, um den Ausschnitt zu verschieben",
        "x_results": "Treffer",
        "x_results_none": "Kein Ereignis passt zu den Filtern.",
        "x_show_more": "Weitere {n} zeigen",
        "x_graph": "Netzwerk",
        "x_graph_local": "Verbindungen",
        "x_graph_list": "Die am stärksten vernetzten Einträge",
        "x_graph_intro": "Wer mit wem verbunden ist: Beziehungen und gemeinsame Ereignisse. "
        "Ein Klick auf einen Knoten öffnet die Seite.",
        "x_graph_heading": "Netzwerk der Akteure",
        "x_focus": "Fokus auf",
        "x_nobody": "niemand",
        "x_shared": "{n} gemeinsame Ereignisse",
        "x_legend": "Legende",
    }
)
STRINGS["en"].update(
    {
        "x_filters": "Filter events",
        "x_entity": "Entity",
        "x_entity_placeholder": "Type a name …",
        "x_type": "Type",
        "x_tag": "Tag",
        "x_from": "From",
        "x_to": "To",
        "x_all": "All",
        "x_clear": "Clear filters",
        "x_count": "{n} of {total} events",
        "x_count_page": "{n} of {total} events ({p} on this page)",
        "x_loading": "loading …",
        "x_selected": "Selected entities",
        "x_remove": "Remove {name}",
        "x_vis": "Timeline",
        "x_zoom_in": "Zoom in",
        "x_zoom_out": "Zoom out",
        "x_fit": "Show all",
        "x_lanes": "Lanes",
        "x_lanes_all": "all together",
        "x_lanes_type": "by type",
        "x_lanes_entity": "by entity",
        "x_other": "Unassigned",
        "x_no_match": "No matches",
        "x_vis_help": "Timeline. Left and right arrow keys select an event, Enter opens it or expands a group, "
        "plus and minus zoom, Page Up and Page Down or Shift with the arrow keys pan, 0 shows everything.",
        "x_visible": "Shown in the current view",
        "x_cluster": "{n} events",
        "x_today": "today",
        "x_published": "latest publication",
        "x_overview": "Overview: drag the window to move the view",
        "x_results": "Matches",
        "x_results_none": "No event matches the filters.",
        "x_show_more": "Show {n} more",
        "x_graph": "Network",
        "x_graph_local": "Connections",
        "x_graph_list": "The most connected entries",
        "x_graph_intro": "Who is connected to whom: relations and shared events. Click a node to open its page.",
        "x_graph_heading": "Network of actors",
        "x_focus": "Focus on",
        "x_nobody": "nobody",
        "x_shared": "{n} shared events",
        "x_legend": "Legend",
    }
)

#: Keys whose text may stand in mkdocs.yml (nav titles, palette toggles, site_description): a value
#: equal to one of these keys' text in any language is shown in the site's language.
CONFIG_LABELS = ("nav_home", "timeline", "entities", "sources", "tags", "nav_graph", "nav_data", "nav_about",
                 "palette_to_dark", "palette_to_light", "site_description")

LANGUAGES = tuple(STRINGS)


def site_language(theme_language: str | None) -> str:
    """The table to use for a theme language ('de', 'de-CH', 'en' …); German when unknown."""
    base = (theme_language or "de").split("-")[0].lower()
    return base if base in STRINGS else "de"


class Strings:
    """Lookup of interface strings for one language; missing keys fall back to German."""

    def __init__(self, lang: str) -> None:
        self.lang = site_language(lang)
        self._table = STRINGS[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self._table.get(key) or STRINGS["de"][key]
        return text.format(**values) if values else text

    def count(self, n: int, key: str = "event_count") -> str:
        """'1 Ereignis' / '3 Ereignisse' (singular form only defined where it differs)."""
        if n == 1 and f"{key}_one" in self._table:
            return self(f"{key}_one")
        return self(key, n=n)

    def label(self, text: str) -> str:
        """``text`` in this language when it is one of Chronik's default labels (CONFIG_LABELS) in any
        language ('Zeitleiste' -> 'Timeline'); any other text as written."""
        for key in CONFIG_LABELS:
            if any(table.get(key) == text for table in STRINGS.values()):
                return self(key)
        return text

    def month(self, month: int) -> str:
        """Month name, 1-based."""
        return self("months").split()[month - 1]
