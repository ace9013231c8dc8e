"""The command line (`python -m geo ...`): check, convert, generate and load registers."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from geo.errors import UserFacingError
from geo.text import LANGS, both, integer, number, text

EPILOG = """Examples / voorbeelden:
  python -m geo check mijn_register.csv --neighbourhoods buurten.geojson
  python -m geo check mijn_register.xlsx --json
  python -m geo from-osm overpass.json -o register.csv
  python -m geo demo
"""


# Control characters and bidi overrides from a register would steer the terminal or reorder what it shows.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    r"""`text` with control and bidi characters escaped, safe to print on a terminal.

    >>> printable("A1\x1b[2J\u202e")
    'A1\\x1b[2J\\u202e'
    """
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], str(text))


def _fail(err: UserFacingError | Exception) -> int:
    for line in both(err.key, **err.params) if isinstance(err, UserFacingError) else (str(err),):
        print(line, file=sys.stderr)
    return 2


def _neighbourhoods(path: str | None):
    """The neighbourhoods to check locations against, or None; an unusable file is a user-facing error."""
    if not path:
        return None
    from geo.neighbourhoods import NeighbourhoodReadError, read_neighbourhoods

    try:
        return read_neighbourhoods(path)
    except NeighbourhoodReadError as err:
        raise UserFacingError(err.key, **err.params) from None


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a register file and print the report; exit 0 all accepted, 1 some rejected, 2 unreadable."""
    from geo.readers import read_register

    report = read_register(args.register, neighbourhoods=_neighbourhoods(args.neighbourhoods))
    # A register holds any text; a console that cannot show a character gets an escape, not a crash.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        lang = args.lang
        print(text("cli.check.head", lang, source=printable(report.source), rows=report.rows,
                   accepted=len(report.accepted), rejected=len(report.rejected_rows), warnings=len(report.warnings)))
        for title, problems in (("cli.check.rejected", report.rejected), ("cli.check.warnings", report.warnings)):
            if not problems:
                continue
            print(f"\n{text(title, lang)}:")
            row_word = text("cli.check.row", lang)
            for p in problems:
                print(f"  {row_word} {p.row:>5}  {printable(p.id or '-'):<14} {p.field:<22} {p.code:<34} "
                      f"{printable(p.message(lang))}")
    return 1 if report.rejected else 0


def cmd_from_osm(args: argparse.Namespace) -> int:
    """Convert OpenStreetMap surveillance data to a register CSV."""
    from geo.osm import read_osm, write_register_csv

    result = read_osm(args.osm_file)
    rows = getattr(result, "rows", result)
    write_register_csv(rows, args.output)
    skipped = getattr(result, "skipped", {})
    n_skipped = sum(skipped.values()) if isinstance(skipped, dict) else int(skipped or 0)
    print(" / ".join(both("cli.from_osm.done", n=len(rows), file=str(args.output), skipped=n_skipped)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the fictional demo city Voorbeeldstad to data/."""
    from geo.demo import write_demo

    paths = write_demo(Path(args.out)) if args.out else write_demo()
    for p in paths:
        print(p)
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Per-neighbourhood summary: a readable table, or JSON with one object per neighbourhood."""
    from geo.summary import city_summary, summarise, summary_to_json

    if args.register or args.neighbourhoods:
        if not (args.register and args.neighbourhoods):
            raise UserFacingError("error.cli.register_and_neighbourhoods")
        from geo.dataset import load_files

        data = load_files(args.register, args.neighbourhoods)
    else:
        from geo.store import read_store

        data = read_store()
    summaries = summarise(data.registrations, data.neighbourhoods)
    if args.json:
        print(json.dumps(summary_to_json(summaries), ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    city = city_summary(data.registrations, data.neighbourhoods)
    head = [text(f"cli.summary.{c}", lang) for c in ("code", "name", "total", "per_km2", "per_1000", "personal")]
    rows = [(s.code or "-", s.display_name(lang), integer(s.total, lang), number(s.per_km2, lang, 1),
             number(s.per_1000_residents, lang, 1), integer(s.personal_data, lang)) for s in [*summaries, city]]
    width = max(len(head[1]), *(len(r[1]) for r in rows))
    print(f"{head[0]:<12} {head[1]:<{width}} {head[2]:>7} {head[3]:>9} {head[4]:>15} {head[5]:>12}")
    for code, name, total, per_km2, per_1000, personal in rows:
        print(f"{code:<12} {name:<{width}} {total:>7} {per_km2:>9} {per_1000:>15} {personal:>12}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a register and replace the store's register atomically; print what happened."""
    from geo.store import import_register, redact, store_path

    store = args.store or store_path()
    report, record = import_register(args.register, args.neighbourhoods, store=store,
                                     municipality=args.municipality, strict=args.strict, keep=args.keep)
    shown = redact(str(store))  # never print a database password
    for line in both("cli.import.done", version=str(record.version), store=shown, accepted=record.accepted,
                     rejected=record.rejected, warnings=record.warnings):
        print(line)
    if report.rejected:
        print(" / ".join(both("cli.import.see", command=f"python -m geo check {args.register}")))
    return 0


def cmd_boundaries(args: argparse.Namespace) -> int:
    """Fetch the CBS buurten of one municipality from PDOK and write them as GeoJSON."""
    from geo.pdok import fetch_buurten, municipality_code

    code = municipality_code(args.gemeente)
    frame = fetch_buurten(code, year=args.year)
    out = Path(args.output or f"buurten_{code}.geojson")
    frame.to_file(out, driver="GeoJSON")
    known = int(frame["population"].notna().sum())
    print(" / ".join(both("cli.boundaries.done", n=len(frame), code=code, file=str(out), known=known)))
    return 0


def cmd_factsheet(args: argparse.Namespace) -> int:
    """Write the A4 fact sheet (PDF) of one neighbourhood, or of every one with --all, from the store."""
    from geo.facts import neighbourhood_facts
    from geo.factsheet import factsheet_filename, factsheet_pdf, write_factsheets
    from geo.viewstate import neighbourhood_code

    if bool(args.code) == bool(args.all):
        raise UserFacingError("error.cli.code_or_all")
    if args.register or args.neighbourhoods:
        if not (args.register and args.neighbourhoods):
            raise UserFacingError("error.cli.register_and_neighbourhoods")
        from geo.dataset import load_files

        data = load_files(args.register, args.neighbourhoods)
    else:
        from geo.store import read_store

        data = read_store(args.store) if args.store else read_store()
    if args.all:
        paths = write_factsheets(data, Path(args.output or "feitenbladen"), args.lang)
    else:
        code = neighbourhood_code(args.code, data.neighbourhoods["code"].astype(str).tolist())
        if code is None:
            raise UserFacingError("error.cli.unknown_neighbourhood", code=repr(printable(args.code)))
        out = Path(args.output or factsheet_filename(code, args.lang))
        if out.is_dir():
            out = out / factsheet_filename(code, args.lang)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(factsheet_pdf(neighbourhood_facts(data, code), args.lang))
        paths = [out]
    for path in paths:
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Zichtbaar: het register van sensoren en camera's in de openbare ruimte controleren en laden. / "
                    "Check and load the register of sensors and cameras in public space.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}

    p = sub.add_parser("check", help="validate a register file / een registerbestand controleren")
    p.add_argument("register", help="CSV, XLSX, GeoJSON or GeoPackage")
    p.add_argument("--neighbourhoods", help="neighbourhoods (GeoJSON/GeoPackage) to check locations against")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the text report")
    commands["check"] = cmd_check

    p = sub.add_parser("from-osm", help="convert OpenStreetMap surveillance nodes to a register CSV")
    p.add_argument("osm_file", help="Overpass JSON or GeoJSON of man_made=surveillance nodes")
    p.add_argument("-o", "--output", required=True, help="register CSV to write")
    commands["from-osm"] = cmd_from_osm

    p = sub.add_parser("demo", help="write the fictional demo city Voorbeeldstad to data/")
    p.add_argument("--out", help="folder to write to (default: data/)")
    commands["demo"] = cmd_demo

    p = sub.add_parser("summary", help="per-neighbourhood summary of the store (or of two files)")
    p.add_argument("--register", help="register file (default: the store)")
    p.add_argument("--neighbourhoods", help="neighbourhood file (with --register)")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per neighbourhood")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the table")
    commands["summary"] = cmd_summary

    p = sub.add_parser("import", help="validate a register and load it into the store (atomic)")
    p.add_argument("register", help="CSV, XLSX, GeoJSON or GeoPackage")
    p.add_argument("--neighbourhoods", help="neighbourhood file; default: keep the store's current ones")
    p.add_argument("--municipality", help="name shown in the dashboard, e.g. 'Ermelo'")
    p.add_argument("--strict", action="store_true", help="import nothing when any row is rejected")
    p.add_argument("--store", help="GeoPackage store (default: $ZICHTBAAR_DB or data/register.gpkg)")
    p.add_argument("--keep", type=int, metavar="N",
                   help="keep the registrations of the last N imports (default: $ZICHTBAAR_KEEP_VERSIONS or 10)")
    commands["import"] = cmd_import

    p = sub.add_parser("boundaries", help="fetch a municipality's CBS buurten with population from PDOK")
    p.add_argument("--gemeente", required=True, help="CBS municipality code, e.g. GM0363")
    p.add_argument("--year", type=int, help="edition of the CBS Wijk- en Buurtkaart")
    p.add_argument("-o", "--output", help="GeoJSON to write (default: buurten_GMxxxx.geojson)")
    commands["boundaries"] = cmd_boundaries

    p = sub.add_parser("factsheet", help="A4 fact sheet (PDF) of a neighbourhood / feitenblad van een buurt")
    p.add_argument("code", nargs="?", help="neighbourhood code, e.g. BU03630000")
    p.add_argument("--all", action="store_true", help="every neighbourhood, one PDF each, into the -o folder")
    p.add_argument("-o", "--output", help="PDF to write (with --all: folder, default feitenbladen/)")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the sheet")
    p.add_argument("--store", help="store to read (default: $ZICHTBAAR_DB or data/register.gpkg)")
    p.add_argument("--register", help="register file instead of the store")
    p.add_argument("--neighbourhoods", help="neighbourhood file (with --register)")
    commands["factsheet"] = cmd_factsheet

    parser.set_defaults(_commands=commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args._commands[args.command](args)
    except UserFacingError as err:
        return _fail(err)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # the last line of defence: never a traceback for a user
        return _fail(UserFacingError("error.unexpected", kind=type(err).__name__))
