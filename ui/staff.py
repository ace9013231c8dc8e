"""The staff app's moving parts (staff.py puts them in order): who is in, the reports on a list and a map, and
answering, linking and closing one, each logged with who and when.

Nobody sees a report before geo.staff_access says who they are. A resident's text, e-mail address and any link
in them are shown with st.text: literally, never as Markdown or HTML, so no link is ever clickable.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import UserFacingError
from geo.report_map import reports_map
from geo.reports import MAX_ANSWER, MAX_REGISTRATION_ID, STATUSES, Report
from geo.staff_access import HEADER_ENV, PROXY_ENV, Access, access
from geo.store.reports import now_utc, open_reports, purge
from geo.text import number
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, fmt_date, t

#: Which reports each group shows.
GROUPS = {"new": ("received",), "open": ("in_progress", "answered"), "closed": ("closed",)}
GROUP, CHOOSE, PURGED = "staff.group", "staff.choose", "staff.purged_once"


def _oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] block (st.login's OIDC settings)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def _logged_in_as() -> str | None:
    user = st.user
    if not user.get("is_logged_in"):  # absent, not False, where Streamlit has no session cookie to read (AppTest)
        return None
    return str(user.get("email") or user.get("name") or user.get("sub") or "?")


def bound_address() -> str | None:
    """The address the server listens on (--server.address); the proxy mode needs loopback."""
    return st.get_option("server.address")


def request_headers() -> dict[str, str]:
    return dict(st.context.headers or {})


def who_is_in() -> Access:
    """Who is using the app, as a real component says it (the identity provider, or the proxy)."""
    oidc = _oidc_configured()
    return access(oidc=oidc, logged_in_as=_logged_in_as() if oidc else None, env=os.environ,
                  address=bound_address(), headers=request_headers())


def gate(who: Access) -> None:
    """Say how to get in, and stop, unless someone is in."""
    if who.who:
        return
    if who.mode == "oidc":
        st.write(t("staff.login.intro"))
        st.button(t("staff.login"), key="staff.login", on_click=st.login, icon=":material/login:", type="primary")
    elif who.problem == "staff.setup.title":
        st.subheader(t("staff.setup.title"), anchor=False)
        st.markdown(t("staff.setup.body", env=PROXY_ENV, header_env=HEADER_ENV))
    else:
        st.error(t(who.problem or "staff.proxy.missing"), icon=":material/lock:")
    st.stop()


def purge_once() -> None:
    """Delete e-mail addresses past their retention, once per session; say how many went."""
    ss = st.session_state
    if ss.get(PURGED):
        return
    ss[PURGED] = True
    try:
        n = purge()
    except UserFacingError as err:
        st.error(err.message(current_lang()))
        return
    if n:
        st.info(t("staff.purged", n=n), icon=":material/auto_delete:")


def chosen_reports() -> list[Report]:
    lang = current_lang()
    group = st.segmented_control(t("staff.group"), options=list(GROUPS), key=GROUP, required=True, default="new",
                                 format_func=lambda g: t(f"staff.group.{g}", lang))
    reports = open_reports().find()
    return [r for r in reports if r.status in GROUPS[group or "new"]]


def overview(reports: list[Report]) -> None:
    """The list and the map of the chosen group."""
    st.caption(t("staff.count", n=len(reports)))
    if not reports:
        st.info(t("staff.none"))
        return
    table = pd.DataFrame({
        t("staff.col.ref"): [r.ref for r in reports],
        t("staff.col.kind"): [t(f"report.kind.{r.kind}") for r in reports],
        t("staff.col.status"): [t(f"report.status.{r.status}") for r in reports],
        t("staff.col.date"): [fmt_date(r.created_at.date()) for r in reports],
        t("staff.col.registration"): [r.registration_id or "" for r in reports],
    })
    left, right = st.columns([3, 2], gap="medium")
    left.dataframe(table, hide_index=True, width="stretch", key="staff.table")
    with right:
        st_folium(reports_map(reports, current_lang(), ASSETS_URL), key="staff.map", height=360,
                  use_container_width=True, returned_objects=[])


def detail(report: Report, who: str) -> None:
    """One report: the resident's words literally, its place, and the three things staff can do.

    The widgets' keys name the report as it is now (`widget_key`): each report's fields, and the same report's
    after any change, start from what the store holds.
    """
    store = open_reports()
    lang = current_lang()
    with st.container(key="staff-detail", border=True):
        st.subheader(f"{report.ref} · {t(f'report.kind.{report.kind}')} · {t(f'report.status.{report.status}')}",
                     anchor=False)
        st.caption(t("staff.text"))
        st.text(report.text)
        st.text(t("staff.email", email=report.email) if report.email else t("staff.email.none"))
        if report.lat is not None and report.lon is not None:
            st.text(t("staff.place", lat=number(report.lat, current_lang(), 5),
                      lon=number(report.lon, current_lang(), 5)))
        if report.registration_id:
            st.text(f"{t('staff.col.registration')}: {report.registration_id}")
        if report.answer:
            st.caption(t("report.page.answer"))
            st.text(report.answer)
        answer_col, link_col, status_col = st.columns(3, gap="medium")
        with answer_col.form(f"staff.answer.{report.ref}", border=False):
            answer = st.text_area(t("staff.answer"), value=report.answer or "", max_chars=MAX_ANSWER,
                                  key=widget_key(report, "answer.text"))
            if st.form_submit_button(t("staff.answer.send"), key=widget_key(report, "answer.send"), type="primary"):
                _act(store, report.ref, "answer", answer, who)
        with link_col.form(f"staff.link.{report.ref}", border=False):
            reg = st.text_input(t("staff.link"), value=report.registration_id or "",
                                max_chars=MAX_REGISTRATION_ID, key=widget_key(report, "link.id"))
            if st.form_submit_button(t("staff.link.send"), key=widget_key(report, "link.send")):
                _act(store, report.ref, "link", reg, who)
        with status_col.form(f"staff.status.{report.ref}", border=False):
            status = st.selectbox(t("staff.col.status"), options=list(STATUSES), key=widget_key(report, "status.value"),
                                  index=STATUSES.index(report.status),
                                  format_func=lambda s: t(f"report.status.{s}", lang))
            if st.form_submit_button(t("staff.status.send"), key=widget_key(report, "status.send")):
                _act(store, report.ref, "status", status, who)
        st.caption(t("staff.log"))
        actions = store.actions(report.ref)
        if not actions:
            st.caption(t("staff.log.none"))
        for a in actions:
            st.text(f"{fmt_date(a.at.date())} {a.at:%H:%M} UTC · {a.who} · {t(f'staff.action.{a.action}')}: {a.value}")


def widget_key(report: Report, name: str) -> str:
    """A key for one of a report's widgets that changes whenever the report does."""
    return f"staff.{name}.{report.ref}.{report.updated_at.timestamp():.6f}"


def _act(store, ref: str, action: str, value: str, who: str) -> None:
    try:
        store.act(ref, action, value, who=who, now=now_utc())
    except UserFacingError as err:
        st.error(err.message(current_lang()), icon=":material/error:")
        return
    st.toast(t("staff.done"), icon=":material/check:")
    st.rerun()


def show() -> None:
    """The whole staff app, behind the gate."""
    lang = current_lang()
    st.title(t("staff.title"))
    who = who_is_in()
    gate(who)
    assert who.who is not None
    top, out = st.columns([4, 1], vertical_alignment="center")
    top.text(t("staff.who", who=who.who))
    if who.mode == "oidc":
        out.button(t("staff.logout"), key="staff.logout", on_click=st.logout, icon=":material/logout:")
    purge_once()
    reports = chosen_reports()
    overview(reports)
    if not reports:
        return
    by_ref = {r.ref: r for r in reports}
    ref = st.selectbox(t("staff.choose"), options=list(by_ref), key=CHOOSE, index=0,
                       format_func=lambda r: f"{r} · {fmt_date(by_ref[r].created_at.date(), lang)}")
    if ref in by_ref:
        detail(by_ref[ref], who.who)
