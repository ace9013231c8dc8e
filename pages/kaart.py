"""The map: every registration with filters, the chosen one's details, and the same set as a table and downloads."""

import streamlit as st

from geo.filters import apply
from ui import map_page, state, styles
from ui.filters import current, sidebar
from ui.i18n import t
from ui.loaders import dataset
from ui.widgets import demo_banner

data = dataset(lean=True)  # what it shows it asks of geo.store.rows
m = map_page.MapData.of(data)
map_page.start(m)
# The filters as the widgets hold them; the widgets themselves are drawn after the map, so that the map's
# (larger) message leaves first.
filters = current()
mask = apply(data.registrations, filters, index=m.index)
map_page.follow_neighbourhoods(m, filters)

st.html(styles.style(styles.MAP))
st.title(t("map.title"))
shown = int(mask.sum())
if shown:
    st.markdown(t("map.count", shown=shown, total=len(data.registrations)) + " · " + t("map.count.help"))
else:
    st.warning(t("map.count.none"), icon=":material/filter_alt_off:")
demo_banner(data, short=True)
map_page.flag_notice(filters)

tab_map, tab_table = st.tabs([t("map.tab.map"), t("map.tab.table")], key="map_tab", on_change="rerun")
with tab_map:
    with st.container(key="map-frame"):
        map_page.draw_map(m, mask)
    map_page.detail(m, mask)
    st.caption(t("map.intro") + " " + t("map.caption"))
    map_page.choose_list(m, mask)
with tab_table:
    if tab_table.open:
        map_page.table(m, mask)

sidebar(m.index, m.nb_names, data.registrations, mask)
state.write_map(filters, st.session_state[map_page.SEL])
