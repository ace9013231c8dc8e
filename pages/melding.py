"""Een melding volgen: a resident's report by its reference, with its status and the published answer."""

import streamlit as st

from ui import state
from ui.i18n import t
from ui.report_form import report_status

st.title(t("report.page.title"))
report_status(state.report_ref())
