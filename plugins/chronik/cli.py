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


def cmd_validate(args: argparse.Namespace) -> int:
    """Report every problem in a content folder; exit 1 when there is any."""
    from .model import display_path, load_content

    corpus, problems = load_content(args.dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {display_path(args.dir)}", file=sys.stderr)
        return 1
    print(f"{display_path(args.dir)}: OK ({len(corpus.articles)} articles, {len(corpus.events)} events, "
          f"{len(corpus.entities)} entities)")
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


def _check_entities(content: Path, refs: list[str]) -> None:
    known = _existing_ids(content / "entities")
    unknown = [ref for ref in refs if ref not in known]
    if unknown:
        raise UsageError(f"--entity: unknown entity {', '.join(repr(u) for u in unknown)} "
                         f"(create it first with `chronik new entity`)")


def cmd_new_event(args: argparse.Namespace) -> int:
    """Scaffold content/events/<id>.yaml from a date and a title."""
    from .model import EDTFError, parse_edtf, slugify, write_yaml

    try:
        parse_edtf(args.date)
    except EDTFError as error:
        raise UsageError(f"--date: {error}") from None
    _check_entities(args.content, args.entity)
    path = _target(args.content, "events", args.id, slugify(f"{args.date.split('/')[0]} {args.title}", 60))
    data = {"date": args.date, "title": args.title, "summary": args.summary or "", "entities": args.entity,
            "tags": [slugify(tag) for tag in args.tag], "quotes": [], "sources": [], "origin": "manual",
            "reviewed": True}
    write_yaml(path, data, "event")
    return _report_new(args.content, path)


def cmd_new_entity(args: argparse.Namespace) -> int:
    """Scaffold content/entities/<id>.yaml from a name and a type."""
    from .model import slugify, write_yaml

    path = _target(args.content, "entities", args.id, slugify(args.name))
    data = {"name": args.name, "type": args.type, "aliases": args.alias, "description": args.description or "",
            "links": [], "relations": [], "facts": [], "origin": "manual", "reviewed": True}
    write_yaml(path, data, "entity")
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
    from .model.problems import printable  # light: no validator loaded

    try:
        return args.func(args)
    except UsageError as error:
        print(printable(f"chronik {args.command}: {error}"), file=sys.stderr)
        return 2
    except OSError as error:
        print(printable(f"chronik {args.command}: {error.filename or ''}: {error.strerror or error}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
