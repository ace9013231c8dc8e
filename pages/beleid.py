"""Policy: the principles check, hotspots, camera coverage and trends of the register, for the municipality's staff."""

import streamlit as st

from geo.filters import apply
from geo.viewstate import POLICY_SECTIONS, PolicyState
from ui import policy, state
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, map_index
from ui.widgets import demo_banner

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
# The registrations as filtered on the map: the same f_* parameters in the URL.
url = state.policy_state()
filters = url.filters
# Unfiltered, the register itself (shared, no copy: a section's download may keep it until it is clicked).
registrations = (data.registrations if filters.is_empty()
                 else data.registrations.loc[apply(data.registrations, filters, index=map_index(data)[0])])

st.title(t("policy.title"))
demo_banner(data)
st.write(t("policy.intro"))
if filters.is_empty():
    st.caption(t("policy.scope.all", n=len(registrations)))
else:
    st.caption(t("policy.scope.filtered", n=fmt_number(len(registrations)), total=fmt_number(len(data.registrations))))
    st.page_link(state.MAP, label=t("policy.scope.change"), icon=":material/map:",
                 query_params=state.map_link(filters))

st.session_state.setdefault("policy.section", url.section)
section = st.segmented_control(t("policy.section"), POLICY_SECTIONS, key="policy.section", required=True,
                               format_func=lambda s: t(f"policy.section.{s}", lang))
state.write_policy(PolicyState(filters, section))
# A keyed container per section: a map that appears after a switch gets a fresh place of its own.
with st.container(key=f"policy-{section}"):
    policy.SECTIONS[section](data, registrations, filters)
