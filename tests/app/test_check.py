"""AppTest of the "check a register file" page: upload, report table, unreadable and oversized files."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page
from tests.conftest import PROJECT_DIR

HEADER = "id;name;sensor_type;purpose;data_types;personal_data;owner;description;lat;lon\n"
GOOD = "L1;Luchtmeter Markt;air;environment;environmental;nee;Gemeente Voorbeeldstad;Meet fijnstof.;52,47;5,55\n"
# Row 3: an unknown sensor type; row 4: a location far outside the Netherlands.
BROKEN = HEADER + GOOD + ("L2;Meter Plein;toaster;environment;environmental;nee;Gemeente;;52,47;5,55\n"
                          "L3;Meter Dijk;air;environment;environmental;nee;Gemeente;;10;10\n")


def check_page(lang: str = "nl") -> AppTest:
    return open_page("pages/controle.py", lang=lang)


def upload(at: AppTest, name: str, content: bytes, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="check.upload").set_value((name, content, mime))
    return at.run()


def problems(at: AppTest):
    """The report table (the page's only table)."""
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_page_shows_an_uploader_with_the_size_limit() -> None:
    at = check_page()
    assert not at.exception
    assert at.title[0].value == "Registerbestand controleren"
    assert "10 MB" in at.file_uploader(key="check.upload").label


def test_a_file_with_broken_rows_shows_its_report_with_row_numbers() -> None:
    at = upload(check_page(), "register.csv", BROKEN.encode())
    assert not at.exception
    assert metrics(at) == {"Rijen": "3", "Goedgekeurd": "1", "Afgewezen rijen": "2", "Waarschuwingen": "0"}
    table = problems(at)
    assert list(table.columns) == ["Soort", "Rij", "Kenmerk", "Eigenaar", "Veld", "Code", "Uitleg"]
    assert set(table["Rij"]) == {3, 4}
    assert set(table["Kenmerk"]) == {"L2", "L3"}
    by_row = table.set_index("Rij")
    assert (by_row.loc[3, "Veld"], by_row.loc[3, "Code"]) == ("Soort sensor", "unknown_code")
    assert "'toaster' is geen geldige waarde" in by_row.loc[3, "Uitleg"]
    assert by_row.loc[4, "Code"] == "outside_area"
    assert set(table["Soort"]) == {"Afgewezen"}


def test_the_report_table_is_in_the_session_language() -> None:
    at = upload(check_page("en"), "register.csv", BROKEN.encode())
    table = problems(at)
    assert list(table.columns) == ["Kind", "Row", "Reference", "Owner", "Field", "Code", "Explanation"]
    assert set(table["Kind"]) == {"Rejected"}
    assert metrics(at)["Rejected rows"] == "2"


def test_warnings_appear_in_the_table_beside_rejections() -> None:
    camera = ("C1;Camera Markt;camera;safety;images_identifiable;ja;Gemeente Voorbeeldstad;Kijkt naar de markt.;"
              "52,47;5,55\n")
    text = HEADER.replace("owner;", "owner;legal_basis;privacy_statement_url;")
    text += camera.replace("Gemeente Voorbeeldstad;", "Gemeente Voorbeeldstad;public_task;https://x.example/p;")
    at = upload(check_page(), "register.csv", text.encode())
    table = problems(at)
    assert set(table["Soort"]) == {"Waarschuwing"}
    assert {"no_dpia", "no_council_decision"} <= set(table["Code"])
    assert metrics(at)["Goedgekeurd"] == "1"


def test_an_unreadable_file_gets_one_clear_sentence_not_a_traceback() -> None:
    at = upload(check_page(), "register.csv", b"kolom1;kolom2\n1;2\n")
    assert not at.exception
    assert len(at.error) == 1
    assert "geen bekende kolommen" in at.error[0].value
    assert not at.metric


def test_the_unreadable_file_message_follows_the_language() -> None:
    at = upload(check_page("en"), "register.csv", b"kolom1;kolom2\n1;2\n")
    assert "no known columns" in at.error[0].value


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.readers

    def must_not_read(*args, **kwargs):
        raise AssertionError("an oversized upload was read")

    monkeypatch.setattr(geo.readers, "read_register", must_not_read)
    at = upload(check_page(), "register.csv", b"x" * (10 * 1024 * 1024 + 1))
    assert not at.exception
    assert "te groot" in at.error[0].value
    assert not at.metric


def test_a_clean_file_says_all_rows_are_accepted() -> None:
    at = upload(check_page(), "register.csv", (HEADER + GOOD).encode())
    assert "Alle rijen zijn goedgekeurd" in at.success[0].value
    assert metrics(at)["Goedgekeurd"] == "1"


def test_the_demo_register_is_checked_like_the_command_line_does() -> None:
    from geo.readers import read_register

    content = (PROJECT_DIR / "data" / "demo_register.csv").read_bytes()
    expected = read_register(content, filename="demo_register.csv")
    at = check_page()
    at.checkbox(key="check.neighbourhoods").uncheck()
    at = upload(at.run(), "demo_register.csv", content)
    assert metrics(at)["Goedgekeurd"] == f"{len(expected.accepted):,}".replace(",", ".")
    assert len(problems(at)) == len(expected.rejected) + len(expected.warnings)


def test_the_report_lives_in_the_session_and_goes_when_the_file_is_removed() -> None:
    at = upload(check_page(), "register.csv", BROKEN.encode())
    assert "check.report" in at.session_state
    at.file_uploader(key="check.upload").set_value(None)
    at.run()
    assert "check.report" not in at.session_state
    assert not at.metric


def test_the_hostile_register_gets_its_full_report_and_a_preview_map() -> None:
    import json

    from tests.fixtures.hostile import EXPECTED, SCRIPT, hostile_csv_text

    at = check_page()
    at.checkbox(key="check.neighbourhoods").uncheck()
    at = upload(at.run(), "hostile.csv", hostile_csv_text().encode())
    assert not at.exception
    table = problems(at)
    rejected = table[table["Soort"] == "Afgewezen"]
    assert set(rejected["Rij"]) == set(EXPECTED.rejected_rows)
    assert metrics(at)["Goedgekeurd"] == str(len(EXPECTED.accepted_ids))
    maps = [e for e in at.get("component_instance") if e.proto.component_name == "streamlit_folium.st_folium"]
    assert len(maps) == 1
    args = json.loads(maps[0].proto.json_args)
    assert SCRIPT not in args["feature_group"]  # register text reaches the map escaped
    assert all(link.startswith("../") for link in args["js_links"])


def test_no_map_is_drawn_when_nothing_is_accepted() -> None:
    at = upload(check_page(), "register.csv", (HEADER + "X1;;air;;;;;;;\n").encode())
    assert metrics(at)["Goedgekeurd"] == "0"
    assert not [e for e in at.get("component_instance") if e.proto.component_name == "streamlit_folium.st_folium"]
