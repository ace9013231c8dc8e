"""One registration, for the phone of someone who scanned its sign: the three-second answer first, then the rest."""

import streamlit as st

from geo.sensor import first_screen_html, status_note
from geo.signs import sign_filename, sign_pdf
from geo.store import rows
from ui import sensor_page, state, styles
from ui.i18n import current_lang, t
from ui.loaders import dataset
from ui.report_form import report_form
from ui.widgets import demo_banner

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
known = sensor_page.Known(data)
asked = state.sensor_state(known)
pos = known.position(asked.id)
if pos is None:
    sensor_page.not_found(data, asked.asked)
    st.stop()

one = rows(data, [pos])
record = one.iloc[0].to_dict()
st.html(styles.style(styles.DETAIL, styles.SENSOR))
note = status_note(record, lang)
if note:
    st.info(note, icon=":material/schedule:")
# The three-second part: what, why, who, personal data and basis, until when (register text escaped by geo).
st.html(f'<div class="zb-sensor">{first_screen_html(record, lang)}</div>')
demo_banner(data, short=True)

st.subheader(t("sensor.map"))
sensor_page.small_map(data, pos, one)
sensor_page.everything(data, pos, one)
# A resident answers back from where they are: something missing or wrong, a question, an objection.
report_form(asked.id, key="sensor.report", name=str(record.get("name") or asked.id))
# Made on click only: a sign is a printed page, most visitors never ask for it.
st.download_button(t("sensor.sign"), data=lambda: sign_pdf(record, lang), file_name=sign_filename(asked.id, lang),
                   mime="application/pdf", icon=":material/qr_code_2:", help=t("sensor.sign.help"),
                   key="sensor.sign", on_click="ignore")
st.page_link(state.MAP, label=t("sensor.to_map"), icon=":material/map:", query_params=state.map_link(selected=asked.id))
