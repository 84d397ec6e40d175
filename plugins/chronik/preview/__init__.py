"""Incremental preview for `mkdocs serve`: an edit re-renders only the pages that read the edited file.

:mod:`.tracking` records, while the site is built, which content files each page read;
:mod:`.reload` parses and checks one changed file against the corpus in memory;
:mod:`.updater` decides whether a change can be applied in place and re-renders the dependent pages
through MkDocs' own page pipeline; :mod:`.watch` watches the content folder with inotify.
"""

from .tracking import ReadTracker
from .updater import DATA_OUTPUTS_NOTE, Preview

__all__ = ["DATA_OUTPUTS_NOTE", "Preview", "ReadTracker"]
