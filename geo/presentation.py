"""What a projector shows beside one neighbourhood's map: the four figures, the map's legend with how many
of each icon and colour the map holds, and what does not fit the principles. HTML, every text escaped."""

from __future__ import annotations

from html import escape

from geo.codes import label
from geo.facts import Facts
from geo.mapping import PURPOSE_COLOURS, PURPOSE_ORDER, TYPE_ORDER, icon_purposes, icon_svg
from geo.text import integer, number, text

#: The icons' grey in the legend: the shape and glyph say the type; the colour on the map says the purpose.
LEGEND_GREY = "#4A4A4A"


def figures_html(facts: Facts, lang: str) -> str:
    """The four big figures in a row above the map, the two densities beside the whole city's."""
    s, city = facts.summary, facts.city
    figures = [
        (integer(s.total, lang), text("present.registrations", lang, n=s.total), None),
        (integer(s.personal_data, lang), text("present.personal", lang, n=s.personal_data), None),
        (number(s.per_km2, lang), text("present.per_km2", lang), number(city.per_km2, lang)),
        (number(s.per_1000_residents, lang), text("present.per_1000", lang), number(city.per_1000_residents, lang)),
    ]
    cells = "".join(
        f"<div class='zb-figure'><div class='zb-n'>{escape(n)}</div><div class='zb-what'>{escape(what)}</div>"
        + (f"<div class='zb-city'>{escape(text('present.city', lang, value=c))}</div>" if c is not None else "")
        + "</div>" for n, what, c in figures)
    return f"<div class='zb-present'><div class='zb-figures'>{cells}</div></div>"


def legend_html(facts: Facts, lang: str) -> str:
    """The map's legend in large type: each sensor type's icon and how many there are, most first; then each
    colour (the first purpose, as the map colours an icon) and how many icons have it."""
    reg = facts.registrations
    if reg.empty:
        return ""
    types = reg["sensor_type"].astype(str).where(reg["sensor_type"].astype(str).isin(TYPE_ORDER), "other")
    type_counts = types.value_counts()
    ranked = sorted(type_counts.items(), key=lambda item: (-item[1], TYPE_ORDER.index(item[0])))
    colour_counts = icon_purposes(reg["purpose"].astype(str)).value_counts()
    purposes = sorted(((c, n) for c, n in colour_counts.items() if c in PURPOSE_COLOURS),
                      key=lambda item: (-item[1], PURPOSE_ORDER.index(item[0])))
    type_rows = "".join(
        f"<li>{icon_svg(c, LEGEND_GREY)}<span class='zb-count'>{escape(integer(n, lang))}</span>"
        f"<span>{escape(label('sensor_type', c, lang))}</span></li>" for c, n in ranked)
    colour_rows = "".join(
        f"<li><span class='zb-swatch' style='background:{PURPOSE_COLOURS[c]}'></span>"
        f"<span class='zb-count'>{escape(integer(n, lang))}</span><span>{escape(label('purpose', c, lang))}</span></li>"
        for c, n in purposes)
    return (f"<div class='zb-legend'><h2>{escape(text('map.legend.types', lang))}</h2><ul>{type_rows}</ul>"
            f"<h2>{escape(text('present.colours', lang))}</h2><ul class='zb-chips'>{colour_rows}</ul></div>")


def flags_html(facts: Facts, lang: str) -> str:
    """What does not fit the principles, in the summary's own sentences; nothing when all fits."""
    sentences = facts.flag_sentences(lang)
    if not sentences:
        return ""
    items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
    return f"<div class='zb-flags'><h2>{escape(text('buurt.flags', lang))}</h2><ul>{items}</ul></div>"


def side_html(facts: Facts, lang: str) -> str:
    """Beside the map, in the order a hall reads it: what does not fit the principles, then the legend."""
    return "<div class='zb-present zb-side'>" + flags_html(facts, lang) + legend_html(facts, lang) + "</div>"
