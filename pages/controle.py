"""Check a register file: staff upload a file and get the validation report and a preview map, stored nowhere."""

import streamlit as st
from streamlit_folium import st_folium

from geo.errors import UserFacingError
from geo.export import localized
from geo.mapping import area_fragments, build_map, fit_view, legend_html, point_fragments, registrations_group
from geo.mapping import registrations_payload as payload
from geo.readers import read_register
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, map_outlines
from ui.widgets import downloads

#: Larger uploads are refused before a byte is read (the browser refuses them too).
MAX_UPLOAD_MB = 10
#: The preview map draws at most this many registrations (one GeoJSON layer stays quick up to here).
PREVIEW_LIMIT = 5_000
TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg"]
MAP_HEIGHT = 480

lang = current_lang()
data = dataset(lean=True)  # its neighbourhoods and name only

st.title(t("check.title"))
st.write(t("check.intro"))
st.caption(t("check.privacy"))

place = data.municipality or t("check.this_municipality")
use_neighbourhoods = st.checkbox(t("check.neighbourhoods", place=place), key="check.neighbourhoods",
                                 value=not data.is_demo)
upload = st.file_uploader(t("check.upload", mb=MAX_UPLOAD_MB), type=TYPES, key="check.upload",
                          max_upload_size=MAX_UPLOAD_MB)
if upload is None:
    st.session_state.pop("check.report", None)
    st.stop()
if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
    st.error(t("check.too_big", size=fmt_number(upload.size / 1e6, digits=1), mb=MAX_UPLOAD_MB))
    st.stop()
# The report is kept in this session only, keyed by the upload, so a rerun does not read the file again.
cache_key = (upload.file_id, use_neighbourhoods)
cached = st.session_state.get("check.report")
if cached is None or cached[0] != cache_key:
    try:
        report = read_register(upload.getvalue(), data.neighbourhoods if use_neighbourhoods else None,
                               filename=upload.name)
    except UserFacingError as err:
        st.session_state.pop("check.report", None)
        st.error(err.message(lang), icon=":material/error:")
        st.stop()
    st.session_state["check.report"] = (cache_key, report)
else:
    report = cached[1]

st.subheader(t("check.result", name=upload.name))
cols = st.columns(4)
cols[0].metric(t("check.rows"), fmt_number(report.rows))
cols[1].metric(t("check.accepted"), fmt_number(len(report.accepted)))
cols[2].metric(t("check.rejected"), fmt_number(len(report.rejected_rows)))
cols[3].metric(t("check.warnings"), fmt_number(len(report.warnings)))
if not report.rejected and not report.warnings:
    st.success(t("check.all_ok"), icon=":material/check_circle:")
else:
    st.markdown(f"#### {t('check.problems')}")
    st.caption(t("check.rows_hint"))
    table = report.problem_table(lang)
    st.dataframe(localized(table, lang, plain=(t("check.col.row"),)), hide_index=True, width="stretch",
                 key="check.problems")
    owners = report.problem_owners()
    downloads(table, t("check.file", name=upload.name), key="check.all",
              sheets={t("check.all_owners"): table} | {o or t("check.no_owner"): report.problem_table(lang, o)
                                                         for o in owners})
    owner = st.selectbox(t("check.per_owner"), owners, index=None, key="check.owner",
                         format_func=lambda o: o or t("check.no_owner", lang), placeholder=t("check.per_owner.pick"))
    if owner is not None:
        downloads(report.problem_table(lang, owner), t("check.file", name=owner or t("check.no_owner")),
                  key="check.one")

st.markdown(f"#### {t('check.preview')}")
accepted = report.accepted
if accepted.empty:
    st.caption(t("check.preview.none"))
    st.stop()
shown = accepted.iloc[:PREVIEW_LIMIT]
if len(accepted) > PREVIEW_LIMIT:
    st.caption(t("check.preview.limited", n=PREVIEW_LIMIT, total=len(accepted)))
else:
    st.caption(t("check.preview.caption", n=len(accepted)))
preview = build_map(assets=ASSETS_URL, lang=lang, view=fit_view(tuple(shown.total_bounds), height_px=MAP_HEIGHT),
                    outlines=map_outlines(data) if use_neighbourhoods else None,
                    legend=legend_html(lang, shown), height=MAP_HEIGHT)
layer = registrations_group(payload(point_fragments(shown), area_fragments(shown)), assets=ASSETS_URL, lang=lang)
st_folium(preview, key="check.map", height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
          feature_group_to_add=layer)
