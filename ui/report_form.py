"""The resident's report form and a report's public status: one piece that near-me, the map's detail panel and the
sensor page call with their registration or spot.

A report is written durably (geo.store.reports.send) before its reference is shown. What the resident wrote is
shown back in this session only; /melding?ref= shows the kind, the date, the status and the answer, never the
text nor the e-mail address. Every text a resident or staff member wrote is shown with st.text or escaped HTML,
never as Markdown or HTML.
"""

from __future__ import annotations

import html

import streamlit as st

from geo.errors import UserFacingError
from geo.reports import KINDS, MAX_EMAIL, MAX_TEXT, Limits, NewReport, parse_ref, problems
from geo.store.reports import open_reports, send
from ui import state
from ui.i18n import current_lang, fmt_date, t

#: When this session sent its reports (the per-session limit counts them); shared by every form of the session.
SENT_AT = "report.sent_at"


def _limits() -> Limits:
    try:
        return Limits.from_env()
    except UserFacingError:
        return Limits()  # a bad setting is the operator's to fix, not the resident's


def _on_send(key: str, registration_id: str | None, lat: float | None, lon: float | None) -> None:
    """The form's callback: check, send, and on success empty the form (widgets may be reset only here)."""
    ss = st.session_state
    new = NewReport(ss.get(f"{key}.kind") or "", ss.get(f"{key}.text") or "", registration_id, lat, lon,
                    ss.get(f"{key}.email") or None)
    ss[f"{key}.problems"] = problems(new)
    ss[f"{key}.error"] = None
    if ss[f"{key}.problems"]:
        return
    try:
        report = send(new, sent=ss.get(SENT_AT, []), limits=_limits())
    except UserFacingError as err:  # a limit reached (ReportError), or a store that cannot be written: nothing saved
        ss[f"{key}.error"] = (err.key, err.params)
        return
    ss[SENT_AT] = [*ss.get(SENT_AT, []), report.created_at]
    ss[f"{key}.sent"] = (report.ref, report.text, (registration_id, lat, lon))
    ss[f"{key}.text"], ss[f"{key}.email"], ss[f"{key}.kind"] = "", "", None


def report_form(registration_id: str | None, lat: float | None = None, lon: float | None = None, *, key: str,
                name: str | None = None) -> None:
    """A form to report something about a registration (`registration_id`, shown as `name`) or a spot (lat, lon).

    `key` namespaces the widgets (e.g. "near.report", "map.report", "sensor.report").
    """
    lang = current_lang()
    ss = st.session_state
    sent = ss.get(f"{key}.sent")
    if sent and sent[2] != (registration_id, lat, lon):
        sent = None  # sent about another place: the form is fresh for this one
    box = key.replace(".", "-")  # a container's key becomes a CSS class: st-key-near-report
    with st.expander(t("report.open"), icon=":material/campaign:", expanded=bool(sent)), st.container(key=box):
        if sent:
            ref, text, _ = sent
            st.success(t("report.sent", ref=ref), icon=":material/check_circle:")
            st.page_link(state.REPORT, label=t("report.follow"), icon=":material/arrow_forward:",
                         query_params=state.report_link(ref))
            st.caption(t("report.your_text"))
            st.text(text)
        st.write(t("report.intro"))
        if registration_id:
            st.text(t("report.place.registration", name=name or registration_id))
        else:
            st.caption(t("report.place.spot"))
        with st.form(f"{key}.form", border=False, enter_to_submit=False):
            st.radio(t("report.kind"), options=list(KINDS), index=None, key=f"{key}.kind",
                     format_func=lambda k: t(f"report.kind.{k}", lang))
            st.text_area(t("report.text", n=MAX_TEXT), max_chars=MAX_TEXT, key=f"{key}.text", height=120)
            st.text_input(t("report.email"), max_chars=MAX_EMAIL, key=f"{key}.email", autocomplete="email")
            st.caption(t("report.email.help", days=_limits().email_days))
            st.form_submit_button(t("report.send"), key=f"{key}.send", type="primary", icon=":material/send:",
                                  on_click=_on_send, args=(key, registration_id, lat, lon), width="stretch")
        for problem in ss.get(f"{key}.problems") or []:
            st.error(t(problem, n=MAX_TEXT), icon=":material/error:")
        if ss.get(f"{key}.error"):
            err_key, params = ss[f"{key}.error"]
            st.error(t(err_key, **params), icon=":material/block:")
        st.caption(t("report.privacy"))


def report_status(ref: str | None) -> None:
    """What anyone with the reference may see: kind, date, status and the published answer; a way to look one up."""
    with st.form("report.lookup", border=False):
        st.text_input(t("report.page.ref"), value=ref or "", key="report.lookup.ref", max_chars=20,
                      placeholder="K7M2-9QHX")
        st.form_submit_button(t("report.page.look"), key="report.lookup.go", icon=":material/search:")
    if ss_ref := st.session_state.get("report.lookup.ref"):
        typed = parse_ref(ss_ref)
        if typed and typed != ref:
            state.write_report(typed)
            ref = typed
    if ref is None:
        st.write(t("report.page.ask"))
        return
    report = open_reports().get(ref)
    if report is None:
        st.warning(t("report.page.unknown"), icon=":material/search_off:")
        return
    public = report.public()
    with st.container(key="report-status", border=True):
        status, kind = t(f"report.status.{public['status']}"), t(f"report.kind.{public['kind']}")
        st.markdown(f"**{t('report.page.status')}:** {status}")
        st.markdown(f"**{t('report.page.kind')}:** {kind}")
        st.markdown(f"**{t('report.page.date')}:** {fmt_date(public['created_at'].date())}")
        st.subheader(t("report.page.answer"), anchor=False)
        if public["answer"]:
            st.html(f'<p class="zb-answer" style="white-space:pre-wrap">{html.escape(str(public["answer"]))}</p>')
        else:
            st.write(t("report.page.no_answer"))
