"""The `chronik` command: validate content, scaffold new files, extract articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The model is imported inside the commands: `chronik extract` must start fast and does not need
# the schema validators.

DEFAULT_CONTENT = Path("content")


class UsageError(Exception):
    """A mistake in the command line: shown as one line, exit code 2."""


CONTENT_FOLDERS = ("articles", "events", "entities")
# which option of `chronik new` sets which field (to word schema problems as option problems)
OPTIONS = {"title": "--title", "summary": "--summary", "date": "--date", "entities": "--entity", "tags": "--tag",
           "name": "--name", "type": "--type", "aliases": "--alias", "description": "--description"}


def content_root_problem(root: Path) -> str | None:
    """Why a folder is not a content folder (a typo, or one of its sub-folders), or None."""
    from .model import display_path

    shown = display_path(root)
    if not root.exists():
        return f"{shown}: no such folder"
    if not root.is_dir():
        return f"{shown}: not a folder"
    if any((root / folder).is_dir() for folder in CONTENT_FOLDERS):
        return None
    hint = f"; did you mean {display_path(root.parent)}?" if root.name in CONTENT_FOLDERS else ""
    return f"{shown}: not a content folder (it has no {', '.join(f + '/' for f in CONTENT_FOLDERS)} folder){hint}"


def cmd_validate(args: argparse.Namespace) -> int:
    """Report every problem in a content folder; exit 1 when there is any."""
    from .model import display_path, load_content

    wrong = content_root_problem(args.dir) if args.dir.is_dir() else None  # a missing one: the loader says so
    if wrong:
        print(f"chronik validate: {wrong}", file=sys.stderr)
        return 1
    if args.fix and args.dir.is_dir():
        from .model.fix import fix_content
        from .model.paths import UnsafePathError
        from .model.problems import printable

        try:
            for line in fix_content(args.dir):
                print(line)
        except UnsafePathError as error:  # the problem itself is reported below with the others
            print(printable(f"chronik validate --fix: {error}"), file=sys.stderr)
    corpus, problems = load_content(args.dir)
    from .model.writer import unfinished_journal

    journal = unfinished_journal(args.dir) if args.dir.is_dir() else None
    for problem in [*problems, *([journal] if journal else [])]:
        print(problem, file=sys.stderr)
    from .model.duplicates import duplicate_warnings

    warnings = duplicate_warnings(corpus)  # likely duplicates are for a person to judge: they do not fail
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems or journal:
        count = len(problems) + bool(journal)
        print(f"{count} problem{'s' if count != 1 else ''} found in {display_path(args.dir)}", file=sys.stderr)
        return 1
    note = f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    print(f"{display_path(args.dir)}: OK ({len(corpus.articles)} articles, {len(corpus.events)} events, "
          f"{len(corpus.entities)} entities{note})")
    return 0


def _existing_ids(folder: Path) -> set[str]:
    """Ids taken in a content folder (any .yaml/.yml stem)."""
    return {path.stem for path in folder.glob("*.y*ml")} if folder.is_dir() else set()


def _target(content: Path, folder: str, wanted: str | None, base: str) -> Path:
    """The path of a new file: the id asked for, or a free id made from base."""
    from .model import display_path, id_problem, unique_id

    directory = content / folder
    if wanted:
        reason = id_problem(wanted)
        if reason:
            raise UsageError(f"--id: {reason}")
        if wanted in _existing_ids(directory):
            raise UsageError(f"--id: {display_path(directory / wanted)}.yaml already exists")
        ident = wanted
    else:
        if not base:
            raise UsageError("cannot make an id from the title; pass --id")
        ident = unique_id(base, _existing_ids(directory))
    return directory / f"{ident}.yaml"


def entity_names(content: Path) -> dict[str, list[str]]:
    """Each entity's id → its name and aliases (files that cannot be read are skipped: validate reports them)."""
    from .model.yamlload import load_yaml_file

    names: dict[str, list[str]] = {}
    folder = content / "entities"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        loaded, _ = load_yaml_file(path)
        data = loaded.data if loaded is not None else None
        if isinstance(data, dict):
            forms = [data.get("name"), *(data.get("aliases") or [])]
            names[path.stem] = [f for f in forms if isinstance(f, str)]
        else:
            names[path.stem] = []
    return names


def _check_entities(content: Path, refs: list[str]) -> None:
    """Every --entity must exist; a near miss is named ('huang' → 'jensen-huang')."""
    from .model.suggest import nearest_id

    names = entity_names(content)
    for ref in refs:
        if ref not in names:
            near = nearest_id(ref, names)
            hint = (f"; did you mean '{near}' ({names[near][0]})?" if near and names[near]
                    else "; create it first with `chronik new entity`")
            raise UsageError(f"--entity: unknown entity '{ref}'{hint}")


def _check_names_free(content: Path, forms: list[str]) -> None:
    """A new entity's name and aliases must not belong to an existing entity (else links become ambiguous)."""
    from .model.suggest import name_key

    owner = {name_key(f): ident for ident, fs in entity_names(content).items() for f in fs}
    for form in forms:
        ident = owner.get(name_key(form))
        if ident:
            raise UsageError(f"'{form}' is already a name or alias of entity '{ident}' "
                             f"(content/entities/{ident}.yaml): use --entity {ident} in events, or give this "
                             f"entity another name")


def _checked_text(path: Path, data: dict, kind: str) -> str:
    """The file's text once it passes the schema; else every problem, worded as the option that caused it."""
    from .model import display_path, render_yaml
    from .model.schemas import schema_problems
    from .model.yamlload import load_yaml_text

    text = render_yaml(path, data, kind)
    loaded, problems = load_yaml_text(text, display_path(path))
    if loaded is not None:
        problems = schema_problems(kind, loaded, display_path(path))
    if problems:
        said = dict.fromkeys(f"{OPTIONS.get(p.field.split('[')[0].split('.')[0], p.field)}: {p.message}"
                             for p in problems)
        raise UsageError("; ".join(said) + " (nothing written)")
    return text


def _open_content(content: Path) -> None:
    """`chronik new` writes into an existing content folder only: a typo must not start a new tree."""
    wrong = content_root_problem(content)
    if wrong:
        raise UsageError(f"--content: {wrong}")


def cmd_new_event(args: argparse.Namespace) -> int:
    """Scaffold content/events/<id>.yaml from a date and a title."""
    from .model import EDTFError, atomic_write_text, parse_edtf, slugify
    from .model.writer import check_writable, content_lock

    _open_content(args.content)
    try:
        parse_edtf(args.date)
    except EDTFError as error:
        raise UsageError(f"--date: {error}") from None
    with content_lock(args.content):
        _check_entities(args.content, args.entity)
        data = {"date": args.date, "title": args.title, "summary": args.summary or "", "entities": args.entity,
                "tags": [slugify(tag) for tag in args.tag], "quotes": [], "sources": [], "origin": "manual",
                "reviewed": True}
        text = _checked_text(args.content / "events" / "new.yaml", data, "event")  # the header is per folder
        path = _target(args.content, "events", args.id, slugify(f"{args.date.split('/')[0]} {args.title}", 60))
        check_writable(args.content, path)
        atomic_write_text(path, text)
    return _report_new(args.content, path)


def cmd_new_entity(args: argparse.Namespace) -> int:
    """Scaffold content/entities/<id>.yaml from a name and a type."""
    from .model import atomic_write_text, slugify
    from .model.writer import check_writable, content_lock

    _open_content(args.content)
    with content_lock(args.content):
        _check_names_free(args.content, [args.name, *args.alias])
        data = {"name": args.name, "type": args.type, "aliases": args.alias,
                "description": args.description or "", "links": [], "relations": [], "facts": [],
                "origin": "manual", "reviewed": True}
        text = _checked_text(args.content / "entities" / "new.yaml", data, "entity")
        path = _target(args.content, "entities", args.id, slugify(args.name))
        check_writable(args.content, path)
        atomic_write_text(path, text)
    return _report_new(args.content, path)


def _report_new(content: Path, path: Path) -> int:
    """Say what was written, and whether the content folder is still valid with it."""
    from .model import display_path, load_content

    print(f"wrote {display_path(path)}")
    _, problems = load_content(content)
    mine = [p for p in problems if Path(p.path).resolve() == path.resolve()]
    for problem in mine:
        print(problem, file=sys.stderr)
    return 1 if mine else 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge entity (or event) B into A."""
    from chronik_build.curate import CurateError, merge

    _open_content(args.content)
    try:
        outcome = merge(args.content, args.a, args.b)
    except CurateError as error:
        raise UsageError(str(error)) from None
    return _report_curated(args.content, outcome.lines)


def cmd_remove_article(args: argparse.Namespace) -> int:
    """Remove an article and what only it supports."""
    from chronik_build.curate import CurateError, remove_article

    _open_content(args.content)
    try:
        outcome = remove_article(args.content, args.id)
    except CurateError as error:
        raise UsageError(str(error)) from None
    return _report_curated(args.content, outcome.lines)


def _report_curated(content: Path, lines: list[str]) -> int:
    """Print what a curating command did, then whether the folder still validates."""
    from .model import display_path, load_content

    for line in lines:
        print(line)
    _, problems = load_content(content)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{display_path(content)}: still valid")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Hand over to the build step (imported only here: it is the slow part to load)."""
    from chronik_build.pipeline import main as extract_main

    return extract_main(args.rest)


def parser() -> argparse.ArgumentParser:
    """The command line, with a sub-command per task."""
    top = argparse.ArgumentParser(prog="chronik", description="News articles as a linked timeline.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every content file and report all problems")
    validate.add_argument("dir", nargs="?", type=Path, default=DEFAULT_CONTENT, help="content folder (content/)")
    validate.add_argument("--fix", action="store_true",
                          help="first fill in each source's start/end from its quote (a source needs only the quote)")
    validate.set_defaults(func=cmd_validate)

    new = commands.add_parser("new", help="scaffold a new event or entity file")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    event = kinds.add_parser("event", help="a new event (origin: manual)")
    event.add_argument("--date", required=True, help="EDTF: 2026-01-16, 2026-01, 2025-23, 2026-01-10/2026-01-11")
    event.add_argument("--title", required=True)
    event.add_argument("--summary")
    event.add_argument("--entity", action="append", default=[], metavar="ID", help="entity id (repeatable)")
    event.add_argument("--tag", action="append", default=[], help="tag (repeatable)")
    event.add_argument("--id", help="file name without .yaml (default: date and title)")
    event.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (content/)")
    event.set_defaults(func=cmd_new_event)
    entity = kinds.add_parser("entity", help="a new entity (origin: manual)")
    entity.add_argument("--name", required=True)
    entity.add_argument("--type", required=True, help="organization, person, product, place or another lowercase word")
    entity.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    entity.add_argument("--description")
    entity.add_argument("--id", help="file name without .yaml (default: from the name)")
    entity.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (content/)")
    entity.set_defaults(func=cmd_new_entity)

    merge = commands.add_parser("merge", help="merge entity B into entity A (or event B into event A)")
    merge.add_argument("a", metavar="A", help="the id that stays")
    merge.add_argument("b", metavar="B", help="the id that goes: its names become aliases of A, its references A")
    merge.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (content/)")
    merge.set_defaults(func=cmd_merge)

    remove = commands.add_parser("remove", help="remove an article and what only it supports")
    removable = remove.add_subparsers(dest="kind", required=True, metavar="KIND")
    article = removable.add_parser("article", help="an article: its text, metadata and what only it supports")
    article.add_argument("id", metavar="ID", help="the article's id (its file name without .txt)")
    article.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (content/)")
    article.set_defaults(func=cmd_remove_article)

    extract = commands.add_parser("extract", add_help=False, help="turn an article into content (see --help)")
    extract.add_argument("rest", nargs=argparse.REMAINDER)
    extract.set_defaults(func=cmd_extract)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["extract"]:  # the build step parses its own options, --help included
        return cmd_extract(argparse.Namespace(rest=argv[1:]))
    args = parser().parse_args(argv)
    from .model.paths import UnsafePathError
    from .model.problems import printable  # light: no validator loaded

    try:
        return args.func(args)
    except UsageError as error:
        print(printable(f"chronik {args.command}: {error}"), file=sys.stderr)
        return 2
    except UnsafePathError as error:  # a linked folder or file where Chronik would write
        print(printable(f"chronik {args.command}: {error}"), file=sys.stderr)
        return 1
    except OSError as error:
        print(printable(f"chronik {args.command}: {error.filename or ''}: {error.strerror or error}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
