"""The command line (`python -m geo ...`): check, convert, generate and load registers."""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from geo.errors import UserFacingError
from geo.reports import STATUSES
from geo.text import LANGS, both, integer, number, text

if TYPE_CHECKING:
    from geo.readers import ImportReport

EPILOG = """Examples / voorbeelden:
  python -m geo check mijn_register.csv --neighbourhoods buurten.geojson
  python -m geo check mijn_register.xlsx --json
  python -m geo from-osm overpass.json -o register.csv
  python -m geo check devices_page1.json devices_page2.json --neighbourhoods amsterdam_buurten.geojson
  python -m geo export --format amsterdam-api -o devices.json
  python -m geo algorithms algoritmeregister.csv
  python -m geo sign VBS-0082 -o bordje.pdf --base-url https://zichtbaar.example
  python -m geo board BU99990001 -o buurtbord.pdf
  python -m geo changes --json
  python -m geo feed --neighbourhood BU99990001 -o buurt.xml
  python -m geo demo
  python -m geo reports list --status received --json
  python -m geo reports purge
"""
#: What `--format` can force (by default a file's content tells).
FORMATS = ("amsterdam-api", "amsterdam-sheet")
#: What `python -m geo export` writes.
EXPORT_FORMATS = ("geojson", "csv", "amsterdam-api")


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
    """Validate a register (one file, or several read as one) and print the report; exit 0 all accepted,
    1 some rejected, 2 unreadable."""
    from geo.readers import read_registers

    report = read_registers(args.register, neighbourhoods=_neighbourhoods(args.neighbourhoods), fmt=args.format)
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


class ImportProgress:
    """The progress of an import on stderr, in both languages: one line per chunk, rewritten in place on a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, report: ImportReport) -> None:
        line = " / ".join(both("cli.import.progress", rows=report.rows, accepted=report.accepted_rows,
                               rejected=report.rejected_rows, seconds=round(time.monotonic() - self.start)))
        print(f"\r{line}" if self.tty else line, end="" if self.tty else "\n", file=self.stream, flush=True)
        self.shown = True

    def done(self) -> None:
        """End the line rewritten in place, so that what is printed next starts on a line of its own."""
        if self.tty and self.shown:
            print(file=self.stream, flush=True)
        self.shown = False


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a register and replace the store's register atomically; print what happened (and the progress on
    stderr)."""
    progress = ImportProgress()
    try:
        return _import(args, progress)
    finally:
        progress.done()


def _import(args: argparse.Namespace, progress: ImportProgress) -> int:
    from geo.store import import_register, redact, store_path

    store = args.store or store_path()
    files = list(args.register)
    if len(files) > 1 or args.format:
        # The store imports one file: several files (or a forced format) become one that reads the same way.
        # TODO(store package): pass the files and the format to the import, and log each file's name and hash.
        from geo.amsterdam import bundle
        from geo.readers import load_source

        name, data = bundle([load_source(f) for f in files], args.format)
        with tempfile.TemporaryDirectory(prefix="zichtbaar-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            _, record = import_register(path, args.neighbourhoods, store=store, progress=progress,
                                        municipality=args.municipality, strict=args.strict, keep=args.keep)
    else:
        _, record = import_register(files[0], args.neighbourhoods, store=store, progress=progress,
                                    municipality=args.municipality, strict=args.strict, keep=args.keep)
    progress.done()
    shown = redact(str(store))  # never print a database password
    for line in both("cli.import.done", version=str(record.version), store=shown, accepted=record.accepted,
                     rejected=record.rejected, warnings=record.warnings):
        print(line)
    if record.rejected:
        command = "python -m geo check " + " ".join(shlex.quote(str(f)) for f in files)
        if args.format:
            command += f" --format {args.format}"
        print(" / ".join(both("cli.import.see", command=command)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the store's register as GeoJSON, as the register format's CSV, or as a page of Amsterdam's API."""
    from geo.store import read_store

    data = read_store(args.store) if args.store else read_store()
    registrations = data.registrations
    if args.format == "csv":
        from geo.export import to_csv

        content = to_csv(registrations)
    elif args.format == "geojson":
        from geo.export import to_geojson

        content = to_geojson(registrations)
    else:
        from geo.amsterdam import to_api_page

        content = to_api_page(registrations)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    print(" / ".join(both("cli.export.done", n=len(registrations), file=str(out), format=args.format)))
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    """Residents' reports for the municipality's own systems: list them, export them all, or purge e-mail addresses
    past their retention (closed + $ZICHTBAAR_REPORT_EMAIL_DAYS days)."""
    from geo.store.reports import open_reports, purge

    reports = open_reports(args.store)
    if args.action == "purge":
        n = purge(reports, days=args.days)
        print(" / ".join(both("cli.reports.purged", n=n)))
        return 0
    found = reports.find(args.status)
    if args.action == "export" or args.json:
        content = json.dumps([r.as_json() for r in found], ensure_ascii=False, indent=2)
        if args.output:
            out = Path(args.output)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(content + "\n", encoding="utf-8")
        else:
            print(content)
        return 0
    if not found:
        print(" / ".join(both("cli.reports.none")))
    for r in found:
        # A resident's text may hold anything: escaped for the terminal, cut to one line.
        line = printable(r.text.replace("\n", " "))
        print("\t".join((r.ref, r.status, r.kind, r.created_at.date().isoformat(), printable(r.registration_id or "-"),
                         line[:60] + ("…" if len(line) > 60 else ""))))
    return 0


def cmd_algorithms(args: argparse.Namespace) -> int:
    """Read the Algoritmeregister's CSV export, save it beside the store, and say how the register links to it."""
    from geo.algorithms import algorithms_path, link_counts, read_export, save_algorithms
    from geo.store import import_log, read_store, store_path

    store = args.store or store_path()
    register = read_export(args.export)
    path = save_algorithms(register, algorithms_path(store))
    lang = args.lang
    statuses = {s: sum(e.status == s for e in register.entries) for s in ("in_use", "in_development", "out_of_use")}
    print(text("cli.algorithms.read", lang, n=len(register.entries), file=printable(register.source),
               in_use=statuses["in_use"], in_development=statuses["in_development"],
               out_of_use=statuses["out_of_use"]))
    if register.skipped or register.duplicates:
        print(text("cli.algorithms.left_out", lang, rows=", ".join(map(str, register.skipped)) or "-",
                   duplicates=", ".join(map(str, register.duplicates)) or "-"))
    print(text("cli.algorithms.saved", lang, file=str(path)))
    if import_log(store):
        from geo.principles import reason_frame

        data = read_store(store)
        counts = link_counts(data.registrations, register)
        unlinked = int(reason_frame(data.registrations, reasons=("no_algorithm_entry",))["no_algorithm_entry"].sum())
        print(text("cli.algorithms.links", lang, linked=counts["linked"], out_of_use=counts["out_of_use"],
                   not_found=counts["not_found"], elsewhere=counts["elsewhere"], unlinked=unlinked))
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


def _source_arguments(p: argparse.ArgumentParser) -> None:
    """Where a command reads the register: the store, or a register file with its neighbourhoods."""
    p.add_argument("--store", help="store to read (default: $ZICHTBAAR_DB or data/register.gpkg)")
    p.add_argument("--register", help="register file instead of the store")
    p.add_argument("--neighbourhoods", help="neighbourhood file (with --register)")


def _base_url_argument(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--base-url", help=f"the dashboard's public address for {what} "
                                      "(default: $ZICHTBAAR_PUBLIC_URL or http://localhost:8501)")


def _register(args: argparse.Namespace):
    """The register a command reads: two files (--register and --neighbourhoods), else the store (--store)."""
    if args.register or args.neighbourhoods:
        if not (args.register and args.neighbourhoods):
            raise UserFacingError("error.cli.register_and_neighbourhoods")
        from geo.dataset import load_files

        return load_files(args.register, args.neighbourhoods)
    from geo.store import read_store

    return read_store(args.store) if args.store else read_store()


def cmd_sign(args: argparse.Namespace) -> int:
    """Write the printable sign (PDF) of one registration, or of every one with --all, with a QR code to its page."""
    from geo.signs import sign_filename, sign_pdf, write_signs

    if bool(args.id) == bool(args.all):
        raise UserFacingError("error.cli.id_or_all")
    data = _register(args)
    reg = data.registrations
    if args.all:
        paths = write_signs(reg, Path(args.output or "bordjes"), args.lang, args.size, args.base_url,
                            jobs=max(1, args.jobs))
    else:
        hits = reg[reg["id"].astype(str) == args.id]
        if hits.empty:
            raise UserFacingError("error.cli.unknown_registration", id=repr(printable(args.id)))
        record = hits.drop(columns="geometry").iloc[0].to_dict()
        out = Path(args.output or sign_filename(args.id, args.lang, args.size))
        if out.is_dir():
            out = out / sign_filename(args.id, args.lang, args.size)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(sign_pdf(record, args.lang, args.size, args.base_url))
        paths = [out]
    for path in paths:
        print(path)
    return 0


def cmd_board(args: argparse.Namespace) -> int:
    """Write a neighbourhood's area board (A4 PDF) with a QR code to its page."""
    from geo.facts import neighbourhood_facts
    from geo.signs import board_filename, board_pdf
    from geo.viewstate import neighbourhood_code

    data = _register(args)
    code = neighbourhood_code(args.code, data.neighbourhoods["code"].astype(str).tolist())
    if code is None:
        raise UserFacingError("error.cli.unknown_neighbourhood", code=repr(printable(args.code)))
    out = Path(args.output or board_filename(code, args.lang))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(board_pdf(neighbourhood_facts(data, code), args.lang, args.base_url))
    print(out)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """Print what changed between two versions of the store (default: the last two): JSON, or plain words."""
    from geo.changelog import between
    from geo.changes import items, sentence
    from geo.store import read_store

    store = args.store or None
    changes = between(store, args.from_version, args.to_version)
    if args.json:
        print(json.dumps(changes.as_json(), ensure_ascii=False, indent=2))
        return 0
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    old = read_store(store, version=changes.from_version).registrations
    new = read_store(store, version=changes.to_version).registrations
    print(text("cli.changes.head", args.lang, old=changes.from_version, new=changes.to_version))
    print(sentence(changes, args.lang))
    for _, _, line in items(changes, old, new, args.lang):
        print(f"  {printable(line)}")
    return 0


def cmd_feed(args: argparse.Namespace) -> int:
    """Write the Atom feed of the store's changes: the whole register's, or one neighbourhood's."""
    from geo.feeds import atom, entries, feed_filename
    from geo.store import read_store
    from geo.viewstate import neighbourhood_code

    store = args.store or None
    code, name = None, ""
    if args.neighbourhood:
        nb = read_store(store).neighbourhoods
        code = neighbourhood_code(args.neighbourhood, nb["code"].astype(str).tolist())
        if code is None:
            raise UserFacingError("error.cli.unknown_neighbourhood", code=repr(printable(args.neighbourhood)))
        name = str(nb.loc[nb["code"].astype(str) == code, "name"].iloc[0])
    out = Path(args.output or feed_filename(args.lang, code))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(atom(entries(store, args.lang), args.lang, code=code, name=name, base=args.base_url))
    print(out)
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
    p.add_argument("register", nargs="+", help="CSV, XLSX, GeoJSON or GeoPackage; or Amsterdam's API pages or bulk "
                                               "sheet (several files read as one register)")
    p.add_argument("--format", choices=FORMATS, help="read the files as this format (default: their content tells)")
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
    p.add_argument("register", nargs="+", help="CSV, XLSX, GeoJSON or GeoPackage; or Amsterdam's API pages or "
                                               "bulk sheet (several files read as one register)")
    p.add_argument("--format", choices=FORMATS, help="read the files as this format (default: their content tells)")
    p.add_argument("--neighbourhoods", help="neighbourhood file; default: keep the store's current ones")
    p.add_argument("--municipality", help="name shown in the dashboard, e.g. 'Ermelo'")
    p.add_argument("--strict", action="store_true", help="import nothing when any row is rejected")
    p.add_argument("--store", help="GeoPackage store (default: $ZICHTBAAR_DB or data/register.gpkg)")
    p.add_argument("--keep", type=int, metavar="N",
                   help="keep the registrations of the last N imports (default: $ZICHTBAAR_KEEP_VERSIONS or 10)")
    commands["import"] = cmd_import

    p = sub.add_parser("export", help="write the store's register to a file / het register naar een bestand schrijven")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                   help="geojson, csv (the register format, formula cells neutralised) or amsterdam-api")
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--store", help="store to read (default: $ZICHTBAAR_DB or data/register.gpkg)")
    commands["export"] = cmd_export

    p = sub.add_parser("reports", help="residents' reports: list, export, purge e-mail addresses past retention")
    p.add_argument("action", choices=("list", "export", "purge"),
                   help="list (one line each, or --json), export (every field as JSON), purge (e-mail addresses)")
    p.add_argument("--status", choices=STATUSES, help="only reports with this status (list, export)")
    p.add_argument("--json", action="store_true", help="list as JSON, every field")
    p.add_argument("-o", "--output", help="file to write (export; default: standard output)")
    p.add_argument("--days", type=int, metavar="N", help="purge: days after closing (default: "
                   "$ZICHTBAAR_REPORT_EMAIL_DAYS or 30)")
    p.add_argument("--store", help="store whose reports to use (default: $ZICHTBAAR_REPORTS, else beside "
                                   "$ZICHTBAAR_DB or data/register.gpkg)")
    commands["reports"] = cmd_reports

    p = sub.add_parser("algorithms", help="read the Algoritmeregister's CSV export and keep it with the register")
    p.add_argument("export", help="CSV export of algoritmes.overheid.nl")
    p.add_argument("--store", help="store to keep it with (default: $ZICHTBAAR_DB or data/register.gpkg)")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the report")
    commands["algorithms"] = cmd_algorithms

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
    _source_arguments(p)
    commands["factsheet"] = cmd_factsheet

    p = sub.add_parser("sign", help="printable sign (PDF) of a registration with a QR code to its page / bordje")
    p.add_argument("id", nargs="?", help="the registration's reference (id), e.g. VBS-0082")
    p.add_argument("--all", action="store_true", help="every registration, one PDF each, into the -o folder")
    p.add_argument("-o", "--output", help="PDF to write (with --all: folder, default bordjes/)")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the sign")
    p.add_argument("--size", choices=("a6", "a4"), default="a6", help="page size (default a6)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="with --all: N processes (default 1)")
    _base_url_argument(p, "the QR code")
    _source_arguments(p)
    commands["sign"] = cmd_sign

    p = sub.add_parser("board", help="A4 area board (PDF) of a neighbourhood with a QR code / buurtbord")
    p.add_argument("code", help="neighbourhood code, e.g. BU03630000")
    p.add_argument("-o", "--output", help="PDF to write")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the board")
    _base_url_argument(p, "the QR code")
    _source_arguments(p)
    commands["board"] = cmd_board

    p = sub.add_parser("changes", help="what changed between two imports / wat veranderde tussen twee imports")
    p.add_argument("--from", dest="from_version", type=int, metavar="V", help="older version (default: the one "
                                                                              "before --to)")
    p.add_argument("--to", dest="to_version", type=int, metavar="V", help="newer version (default: the newest)")
    p.add_argument("--json", action="store_true", help='print {"from", "to", "added", "removed", "changed"}')
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the plain-words report")
    p.add_argument("--store", help="store to read (default: $ZICHTBAAR_DB or data/register.gpkg)")
    commands["changes"] = cmd_changes

    p = sub.add_parser("feed", help="Atom feed of the changes (whole register or a neighbourhood) / Atom-feed")
    p.add_argument("--neighbourhood", metavar="CODE", help="only the changes in this neighbourhood")
    p.add_argument("-o", "--output", help="file to write (default: register-<lang>.xml or buurt-<code>-<lang>.xml)")
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help="language of the feed")
    _base_url_argument(p, "the links")
    p.add_argument("--store", help="store to read (default: $ZICHTBAAR_DB or data/register.gpkg)")
    commands["feed"] = cmd_feed

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
