"""The deterministic demo city Voorbeeldstad: fictional neighbourhoods and register, written to data/."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from geo import crs
from geo.schema import DATA_DIR, DEMO_NEIGHBOURHOODS, DEMO_REGISTER, FIELDS, RD_NEW

DEFAULT_SEED = 2022

#: The city lies on Flevoland farmland between Lelystad and Dronten, so it coincides with no real town.
CENTRE_WGS84 = (5.55, 52.47)  # lon, lat
CENTRE_RD = (166_062.0, 498_041.0)  # the same point in RD New, rounded to metres: the city is built in RD
HALF_WIDTH_M = 3_000.0  # the outline is roughly 6 km east-west ...
HALF_HEIGHT_M = 2_500.0  # ... and 5 km north-south

GEMEENTECODE = "9999"  # CBS never issued this code: a fictional municipality
GEMEENTENAAM = "Voorbeeldstad (fictief)"
CBS_MISSING = -99999999  # CBS's code for "unknown", as in its own buurt files

COLLECTION_NAME = "Voorbeeldstad (fictief): buurten"
COLLECTION_DESCRIPTION = (
    "Fictieve demodata. Voorbeeldstad bestaat niet; buurten, namen en inwoneraantallen zijn verzonnen. "
    "Fictional demo data. Voorbeeldstad does not exist; neighbourhoods, names and populations are made up."
)

#: The register's columns as a municipality's CSV has them: the schema's fields (retention as text
#: only) and the coordinates, lat/lon for points and wkt for areas.
REGISTER_COLUMNS: tuple[str, ...] = (
    *(f.name for f in FIELDS if f.name != "retention_days"), "lat", "lon", "wkt")

# Named places the register refers to.
CENTRUM = "Centrum"
STATION = "Stationskwartier"
HARBOUR = "Oude Haven"
INDUSTRIAL = "Bedrijventerrein De Vaart"
NEW_AREA = "Nieuwe Landen"

#: Rings of Voronoi seeds: (relative distance to the outline, number of seeds). 1 + 6 + 10 + 15 = 32.
_RINGS = ((0.0, 1), (0.26, 6), (0.52, 10), (0.8, 15))
_STATION_ANGLE = math.radians(250)
_HARBOUR_ANGLE = math.radians(40)
_INDUSTRIAL_ANGLE = math.radians(0)
_NEW_AREA_ANGLE = math.radians(210)

#: Full street names of the inner buurten; the outer ones get theirs from _STEMS.
_STREETS: dict[str, tuple[str, ...]] = {
    CENTRUM: ("Marktstraat", "Grote Markt", "Kerkstraat", "Nieuwstraat", "Raadhuisplein", "Voorstraat"),
    STATION: ("Stationsplein", "Stationsstraat", "Spoorlaan", "Perronweg", "Seinhuisstraat"),
    HARBOUR: ("Havenkade", "Ankerstraat", "Visserskade", "Loswal", "Sluisstraat"),
    "Molenwijk": ("Molenstraat", "Korenmolen", "Wiekenlaan", "Maalderij", "Molenpad"),
    "Kerkbuurt": ("Kerkpad", "Kosterstraat", "Pastoriestraat", "Torenlaan", "Klokkenhof"),
    "Vestingbuurt": ("Vestingwal", "Poortstraat", "Bastionweg", "Grachtstraat", "Wallenpad"),
    "Lange Dijk": ("Lange Dijk", "Dijkstraat", "Dijkhof", "Kadepad", "Slotenweg"),
    INDUSTRIAL: ("Industrieweg", "Ambachtsweg", "Transportweg", "Energieweg", "Vaartkade"),
    NEW_AREA: ("Pionierslaan", "Horizonstraat", "Landmeterhof", "Grondwerkweg", "Eerste Steenpad"),
}
_INNER_NAMES = ("Molenwijk", "Kerkbuurt", "Vestingbuurt", "Lange Dijk")

#: Outer buurten and the themes of their streets (stem + straat, laan, hof, weg, pad).
_STEMS: dict[str, tuple[str, ...]] = {
    "Vogelbuurt": ("Merel", "Lijster", "Spreeuw", "Zwaluw", "Koolmees"),
    "Bloemenbuurt": ("Tulp", "Narcis", "Krokus", "Iris", "Hyacint"),
    "Schildersbuurt": ("Rembrandt", "Vermeer", "Frans Hals", "Jan Steen", "Mesdag"),
    "Componistenbuurt": ("Bach", "Mozart", "Sweelinck", "Chopin", "Haydn"),
    "Bomenbuurt": ("Eiken", "Beuken", "Berken", "Essen", "Wilgen"),
    "Sterrenbuurt": ("Orion", "Sirius", "Vega", "Poolster", "Melkweg"),
    "Polderwijk": ("Polder", "Gemaal", "Tocht", "Kavel", "Wetering"),
    "De Akkers": ("Akker", "Tarwe", "Gerst", "Haver", "Koolzaad"),
    "Weidebuurt": ("Weide", "Grutto", "Kievit", "Tureluur", "Boterbloem"),
    "Boomgaard": ("Appel", "Peren", "Kersen", "Pruimen", "Bramen"),
    "Vlinderbuurt": ("Vlinder", "Atalanta", "Citroenvlinder", "Dagpauwoog", "Koolwitje"),
    "Rivierenbuurt": ("Rijn", "Maas", "IJssel", "Waal", "Vecht"),
    "Zeeheldenbuurt": ("De Ruyter", "Tromp", "Piet Hein", "Van Galen", "Evertsen"),
    "Eilandenbuurt": ("Texel", "Vlieland", "Terschelling", "Ameland", "Schiermonnikoog"),
    "Edelstenenbuurt": ("Robijn", "Saffier", "Smaragd", "Diamant", "Opaal"),
    "Dichtersbuurt": ("Vondel", "Bredero", "Hooft", "Multatuli", "Gorter"),
    "Kruidenbuurt": ("Tijm", "Salie", "Rozemarijn", "Lavendel", "Kamille"),
    "Zuiderpark": ("Park", "Vijver", "Zuider", "Zonne", "Fontein"),
    "Noorderhoeve": ("Noorder", "Hoeve", "Stal", "Hooiberg", "Dorsvloer"),
    "Meerzicht": ("Meer", "Oever", "Riet", "Golf", "Strand"),
    "De Gaarde": ("Gaarde", "Kwekerij", "Kas", "Boomkwekerij", "Plukhof"),
    "Tuinwijk": ("Tuin", "Heg", "Pergola", "Vlonder", "Moestuin"),
    "Metalenbuurt": ("Zilver", "Goud", "Koper", "Tin", "Brons"),
    "Planetenbuurt": ("Mercurius", "Venus", "Mars", "Jupiter", "Saturnus"),
    "Oosterweide": ("Ooster", "Schapen", "Lammeren", "Hooiland", "Ganzen"),
}
_SUFFIXES = ("straat", "laan", "hof", "weg", "pad")

#: Main roads from the centre outwards: (name, heading in degrees from east, provincial road?).
_ROADS = (
    ("Vaartweg", 5.0, True),
    ("Noorderdreef", 95.0, False),
    ("Flevoweg", 185.0, True),
    ("Polderweg", 240.0, False),
    ("Zuiderdreef", 305.0, False),
)
RING_ROAD = "Ringweg"


# --------------------------------------------------------------------------------------------
# Neighbourhoods


def _outline_radius(t: float, phases: Sequence[float]) -> float:
    """Relative radius of the city outline at parametric angle t: an ellipse with gentle bulges."""
    p2, p3, p5, p7 = phases
    return (1.0 + 0.09 * math.sin(2 * t + p2) + 0.07 * math.sin(3 * t + p3)
            + 0.04 * math.sin(5 * t + p5) + 0.025 * math.sin(7 * t + p7))


def _outline_point(t: float, rho: float, phases: Sequence[float]) -> tuple[float, float]:
    r = rho * _outline_radius(t, phases)
    return CENTRE_RD[0] + HALF_WIDTH_M * r * math.cos(t), CENTRE_RD[1] + HALF_HEIGHT_M * r * math.sin(t)


def _angle_gap(a: float, b: float) -> float:
    return abs((a - b + math.pi) % (2 * math.pi) - math.pi)


@dataclass(frozen=True)
class _Seed:
    ring: int
    t: float  # parametric angle, radians from east
    rho: float  # relative distance to the outline, 0 at the centre
    xy: tuple[float, float]


def _seeds(rng: random.Random, phases: Sequence[float]) -> list[_Seed]:
    seeds = []
    for ring, (rho, n) in enumerate(_RINGS):
        offset = rng.uniform(0, 2 * math.pi)
        for k in range(n):
            if n == 1:
                # The centre seed is jittered only a little so that Centrum stays central.
                t, r = rng.uniform(0, 2 * math.pi), rng.uniform(0.0, 0.02)
            else:
                t = offset + 2 * math.pi * (k + rng.uniform(-0.25, 0.25)) / n
                r = rho * rng.uniform(0.9, 1.1)
            t %= 2 * math.pi
            seeds.append(_Seed(ring, t, r, _outline_point(t, r, phases)))
    return seeds


def _single_polygon(geom: BaseGeometry) -> Polygon:
    # A convex Voronoi cell cut by a gently curved outline is one piece; should a sliver ever
    # break off, the city keeps its main body rather than a MultiPolygon buurt.
    if isinstance(geom, Polygon):
        return geom
    return max((g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)), key=lambda g: g.area)


def _names(seeds: list[_Seed], rng: random.Random) -> list[str]:
    """Name every seed's buurt: fixed roles first (centre, station, harbour, industry, new area)."""
    names = [""] * len(seeds)
    ring = {r: [i for i, s in enumerate(seeds) if s.ring == r] for r in range(len(_RINGS))}
    names[ring[0][0]] = CENTRUM

    def claim(candidates: list[int], angle: float, name: str) -> None:
        free = [i for i in candidates if not names[i]]
        names[min(free, key=lambda i: _angle_gap(seeds[i].t, angle))] = name

    claim(ring[1], _STATION_ANGLE, STATION)
    claim(ring[1], _HARBOUR_ANGLE, HARBOUR)
    claim(ring[3], _INDUSTRIAL_ANGLE, INDUSTRIAL)
    claim(ring[3], _NEW_AREA_ANGLE, NEW_AREA)
    inner = list(_INNER_NAMES)
    outer = sorted(_STEMS)
    rng.shuffle(inner)
    rng.shuffle(outer)
    for i, s in enumerate(seeds):
        if not names[i]:
            names[i] = inner.pop() if s.ring == 1 else outer.pop()
    return names


def _population(name: str, rho: float, area_m2: float, rng: random.Random) -> int:
    if name == INDUSTRIAL:
        return 0
    if name == NEW_AREA:
        # Houses are being built and CBS has not counted them yet.
        return CBS_MISSING
    # Denser in the old centre, thinning towards the edge; CBS rounds to 5.
    density_per_km2 = 9_500.0 * math.exp(-1.5 * rho) * rng.uniform(0.8, 1.2)
    return round(area_m2 / 1e6 * density_per_km2 / 5.0) * 5


def build_neighbourhoods(seed: int = DEFAULT_SEED) -> gpd.GeoDataFrame:
    """The buurten of Voorbeeldstad, in RD New, sorted by buurtcode.

    Voronoi cells of seeded points in rings around the centre, clipped to an irregular outline of
    about 6 x 5 km, grouped into six wijken with CBS-style codes of the fictional municipality
    GM9999.

    Parameters
    ----------
    seed : the same seed always gives the same city.

    Returns
    -------
    GeoDataFrame with buurtcode, buurtnaam, wijkcode, gemeentenaam, aantal_inwoners (CBS_MISSING
    when unknown) and geometry, in EPSG:28992.

    >>> buurten = build_neighbourhoods()
    >>> len(buurten), buurten.crs.to_epsg(), buurten.buurtcode.iloc[0], buurten.buurtnaam.iloc[0]
    (32, 28992, 'BU99990001', 'Centrum')
    """
    rng = random.Random(seed)
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(4)]
    outline = Polygon([_outline_point(2 * math.pi * k / 96, 1.0, phases) for k in range(96)])
    seeds = _seeds(rng, phases)
    cells = shapely.voronoi_polygons(
        MultiPoint([s.xy for s in seeds]), extend_to=outline.buffer(2_000), ordered=True)
    polygons = [
        orient(_single_polygon(shapely.set_precision(cell.intersection(outline), 0.01)), 1.0)
        for cell in cells.geoms
    ]
    names = _names(seeds, rng)

    # Wijk 00 is the centre ring; the outer buurten fall into five sectors around it.
    sector_offset = rng.uniform(0, 2 * math.pi)
    wijk = [
        0 if s.ring <= 1 else 1 + int(((s.t - sector_offset) % (2 * math.pi)) / (2 * math.pi / 5))
        for s in seeds
    ]
    order = sorted(range(len(seeds)), key=lambda i: (wijk[i], seeds[i].ring, seeds[i].t))
    codes, counter = {}, dict.fromkeys(wijk, 0)
    for i in order:
        counter[wijk[i]] += 1
        codes[i] = f"BU{GEMEENTECODE}{wijk[i]:02d}{counter[wijk[i]]:02d}"
    records = [
        {
            "buurtcode": codes[i],
            "buurtnaam": names[i],
            "wijkcode": f"WK{GEMEENTECODE}{wijk[i]:02d}",
            "gemeentenaam": GEMEENTENAAM,
            "aantal_inwoners": _population(names[i], seeds[i].rho, polygons[i].area, rng),
            "geometry": polygons[i],
        }
        for i in order
    ]
    return gpd.GeoDataFrame(records, geometry="geometry", crs=RD_NEW)


# --------------------------------------------------------------------------------------------
# Register


@dataclass(frozen=True)
class _Owner:
    name: str
    contact: str
    privacy_url: str


GEMEENTE = _Owner("Gemeente Voorbeeldstad", "privacy@voorbeeldstad.example",
                  "https://www.voorbeeldstad.example/privacy")
PROVINCIE = _Owner("Provincie Flevoland", "privacy@provincie-flevoland.example",
                   "https://www.provincie-flevoland.example/privacy")
WATERSCHAP = _Owner("Waterschap Zuiderzeeland", "info@waterschap-zuiderzeeland.example",
                    "https://www.waterschap-zuiderzeeland.example/privacy")
POLITIE = _Owner("Politie", "privacy@politie.example", "https://www.politie.example/privacy")
PARKEERNU = _Owner("ParkeerNu B.V.", "privacy@parkeernu.example", "https://www.parkeernu.example/privacy")
INSTITUUT = _Owner("Kennisinstituut Leefbare Stad", "onderzoek@leefbarestad.example",
                   "https://www.leefbarestad.example/privacy")

_SITE = "https://www.voorbeeldstad.example"
_ALGORITHMS = f"{_SITE}/algoritmeregister"

#: The demo describes the city as it stood on this day; planned entries start after it.
AS_OF = date(2026, 11, 1)
_FIRST = date(2016, 1, 1)
_LAST_START = date(2026, 9, 30)
_PLANNED = (date(2026, 12, 1), date(2027, 6, 30))

#: Council decisions, each with the first day it could have taken effect.
_DECISIONS = {
    "camera_centrum": ("Raadsbesluit 2016-052", date(2016, 6, 1)),
    "camera_station": ("Raadsbesluit 2019-112", date(2019, 11, 1)),
    "camera_haven": ("Raadsbesluit 2021-045", date(2021, 7, 1)),
    "camera_wijken": ("Raadsbesluit 2022-018", date(2022, 4, 1)),
    "camera_bedrijven": (f"{_SITE}/raad/besluiten/2018-031", date(2018, 5, 1)),
    "milieuzone": ("Raadsbesluit 2020-077 (milieuzone)", date(2020, 10, 1)),
    "vrachtverkeer": ("Raadsbesluit 2018-090 (route vrachtverkeer)", date(2019, 1, 1)),
    "parkeren": ("Raadsbesluit 2017-067 (parkeerverordening)", date(2017, 9, 1)),
    "drukte": ("Raadsbesluit 2020-018 (kader sensoren)", date(2020, 6, 1)),
    "biometrie": ("Raadsbesluit 2025-031 (proef gezichtsherkenning)", date(2026, 3, 1)),
    "provincie": ("Besluit Provinciale Staten PS-2019-08", date(2019, 6, 1)),
}

_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "camera": (
        "Deze camera filmt de straat voor de veiligheid. Bij drukte kijkt de politie live mee. "
        "De beelden worden na 28 dagen gewist.",
        "Cameratoezicht tegen overlast en geweld. Alleen bevoegde medewerkers mogen de beelden bekijken. "
        "Na 28 dagen worden ze gewist.",
        "Deze camera helpt de politie om snel te reageren als er iets gebeurt. "
        "Bij een incident worden de beelden teruggekeken.",
    ),
    "camera_province": (
        "Met deze camera bedient de provincie de brug op afstand. De camera kijkt naar de brug en het water.",
    ),
    "camera_traffic": (
        "Deze camera kijkt naar de doorstroming van het verkeer. Personen en kentekens zijn niet herkenbaar.",
    ),
    "anpr_milieuzone": (
        "Deze camera leest kentekens van auto's die de milieuzone inrijden. Mag uw auto de zone in? "
        "Dan wordt het kenteken direct gewist.",
    ),
    "anpr_entrance": (
        "Deze camera leest kentekens van vrachtwagens bij de ingang van de stad. "
        "Zo controleert de gemeente of vrachtwagens de route voor vrachtverkeer volgen.",
    ),
    "anpr_police": (
        "De politie leest hier kentekens. Ze gebruikt die alleen om strafbare feiten op te sporen. "
        "Na 28 dagen worden de gegevens gewist.",
    ),
    "anpr_garage": (
        "Bij de in- en uitrit van de garage wordt uw kenteken gelezen. Zo parkeert u zonder kaartje.",
    ),
    "scan_car": (
        "Een scanauto rijdt door dit gebied en leest kentekens van geparkeerde auto's. Zo controleert de "
        "gemeente of er betaald is. Is er betaald? Dan wordt het kenteken direct gewist.",
    ),
    "sound": (
        "Deze sensor meet hoe hard het geluid is, in decibel. Hij neemt geen gesprekken op.",
        "Meet het geluidsniveau op straat. Zo ziet de gemeente wanneer het te lawaaiig wordt. "
        "Er wordt geen geluid opgenomen.",
    ),
    "air": (
        "Deze sensor meet fijnstof en stikstofdioxide in de lucht. De metingen zijn openbaar.",
        "Meet de luchtkwaliteit. Zo ziet de gemeente waar de lucht schoner moet.",
    ),
    "air_station": (
        "Meetstation voor luchtkwaliteit langs een drukke weg. De provincie vergelijkt de metingen met de normen.",
    ),
    "air_citizen": (
        "Een bewoner heeft deze sensor aan het eigen huis gehangen. De sensor meet fijnstof. "
        "Het adres van de bewoner wordt niet openbaar gemaakt.",
        "Meetpunt van een bewoner die meedoet aan het onderzoek naar schone lucht. De bewoner heeft "
        "daar toestemming voor gegeven en kan altijd stoppen.",
    ),
    "climate": (
        "Deze sensor meet temperatuur en luchtvochtigheid. Zo ziet de gemeente waar het in de zomer te heet wordt.",
        "Meet hoe warm het is in de straat. Met deze metingen plant de gemeente bomen en schaduw.",
    ),
    "climate_rain": (
        "Deze meter meet hoeveel regen er valt. Het waterschap gebruikt dit om wateroverlast te voorkomen.",
    ),
    "climate_research": (
        "Onderzoekers meten hier temperatuur, wind en zon. Ze onderzoeken hoe groen de stad koeler maakt.",
    ),
    "wifi": (
        "Deze teller telt telefoons met wifi of bluetooth aan. Zo weet de gemeente hoe druk het is. "
        "Het nummer van uw telefoon wordt direct onherkenbaar gemaakt.",
        "Telt hoeveel mensen er in de winkelstraat zijn. Dat gebeurt via signalen van telefoons. "
        "De gemeente ziet alleen aantallen.",
    ),
    "wifi_travel_time": (
        "Deze sensor herkent bluetooth-signalen van auto's op twee plekken. Zo meet de provincie de reistijd.",
    ),
    "traffic": (
        "Deze teller telt auto's, fietsen en vrachtwagens. Er worden geen kentekens of beelden opgeslagen.",
        "Lussen in het wegdek tellen het verkeer. Zo kan de gemeente de verkeerslichten beter afstellen.",
    ),
    "traffic_bike": ("Deze paal telt fietsers die voorbijkomen. Op het scherm ziet u het aantal van vandaag.",),
    "parking": (
        "Een sensor in het wegdek ziet of de parkeerplaats bezet is. In de app ziet u waar nog plek is. "
        "De sensor ziet geen kentekens.",
    ),
    "garage_presence": (
        "Sensoren tellen de vrije plekken in de parkeergarage. Het aantal staat op het bord bij de ingang.",
    ),
    "bike_parking": ("Sensoren tellen hoeveel plekken in de fietsenstalling vrij zijn.",),
    "lamp_presence": (
        "Deze lantaarnpaal gaat feller branden als er iemand langskomt. Zo bespaart de gemeente energie. "
        "Er worden geen beelden gemaakt.",
    ),
    "water_level": ("Deze sensor meet de waterstand in de vaart. Het waterschap houdt zo het waterpeil op orde.",),
    "water_pump": ("Meet hoeveel water het gemaal wegpompt.",),
    "groundwater": (
        "Deze peilbuis meet de grondwaterstand. Zo ziet de gemeente of de grond te nat of te droog wordt.",
    ),
    "energy_lighting": ("Deze meter meet hoeveel stroom de straatverlichting gebruikt.",),
    "energy_solar": ("Meet hoeveel stroom de zonnepanelen op het gebouw opwekken.",),
    "fill_level": (
        "Deze sensor meet hoe vol de container is. De vuilniswagen komt alleen als dat nodig is.",
        "Een sensor in de container geeft door hoe vol hij is. Zo rijdt de wagen niet voor niets.",
        "Meet hoe vol de ondergrondse container is. Zo blijft de container niet te lang vol staan.",
    ),
    "position": (
        "Deze sensor meet of de lantaarnpaal scheef staat of beweegt. Zo ziet de gemeente snel schade "
        "na een aanrijding of storm.",
    ),
    "position_bridge": ("Meet de stand van de beweegbare brug, zodat die veilig open en dicht gaat.",),
    "vibration": (
        "Deze sensor meet trillingen tijdens de bouw. Zo ziet de gemeente of huizen in de buurt schade kunnen krijgen.",
    ),
}


@dataclass(frozen=True)
class _Buurt:
    code: str
    name: str
    polygon: Polygon  # RD New
    inner: Polygon  # a little inside the border, where sampled sensors go
    population: int  # CBS_MISSING when unknown
    rho: float  # distance of the centroid to the centre, relative to the city's half width
    streets: tuple[str, ...]


def _streets(name: str) -> tuple[str, ...]:
    if name in _STREETS:
        return _STREETS[name]
    return tuple(stem + suffix for stem, suffix in zip(_STEMS[name], _SUFFIXES, strict=True))


def _rand_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


class _RegisterBuilder:
    """Collects registrations in RD New; ids, coordinates and text formatting come at the end."""

    def __init__(self, neighbourhoods: gpd.GeoDataFrame, seed: int) -> None:
        gdf = neighbourhoods if neighbourhoods.crs == RD_NEW else neighbourhoods.to_crs(RD_NEW)
        self.rng = random.Random(seed)
        self.centre = Point(CENTRE_RD)
        self.buurten: list[_Buurt] = []
        for row in gdf.itertuples(index=False):
            poly = _single_polygon(row.geometry)
            inner = poly.buffer(-20)
            self.buurten.append(_Buurt(
                code=row.buurtcode, name=row.buurtnaam, polygon=poly,
                inner=_single_polygon(inner) if not inner.is_empty else poly,
                population=int(row.aantal_inwoners),
                rho=poly.centroid.distance(self.centre) / HALF_WIDTH_M,
                streets=_streets(row.buurtnaam),
            ))
        self.by_name = {b.name: b for b in self.buurten}
        self.city = unary_union([b.polygon for b in self.buurten])
        self.roads = {name: self._radial(heading + self.rng.uniform(-8, 8)) for name, heading, _ in _ROADS}
        self.provincial = {name for name, _, prov in _ROADS if prov}
        self.ring_road = affinity.scale(
            _single_polygon(self.city).exterior, 0.55, 0.55, origin=self.centre)
        self.entries: list[dict[str, object]] = []

    # -- places --------------------------------------------------------------------------

    def _radial(self, heading_deg: float) -> LineString:
        a = math.radians(heading_deg)
        ray = LineString([CENTRE_RD, (CENTRE_RD[0] + 20_000 * math.cos(a), CENTRE_RD[1] + 20_000 * math.sin(a))])
        inside = ray.intersection(self.city)
        parts = list(getattr(inside, "geoms", [inside]))
        return min(parts, key=lambda g: g.distance(self.centre))

    def point_in(self, buurt: _Buurt) -> Point:
        minx, miny, maxx, maxy = buurt.inner.bounds
        while True:
            p = Point(self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy))
            if buurt.inner.contains(p):
                return p

    def on_road(self, road: str, lo: float, hi: float) -> Point:
        return self.roads[road].interpolate(self.rng.uniform(lo, hi), normalized=True)

    def address(self, buurt: _Buurt) -> tuple[str, str]:
        """A street of the buurt and an address on it, so that name and location agree."""
        street = self.rng.choice(buurt.streets)
        return street, f"{street} {self.rng.randint(1, 160)}"

    def residential(self) -> list[_Buurt]:
        return [b for b in self.buurten if b.population > 0]

    # -- fields --------------------------------------------------------------------------

    def describe(self, key: str) -> str:
        return self.rng.choice(_DESCRIPTIONS[key])

    def status(self) -> str:
        r = self.rng.random()
        return "active" if r < 0.88 else "planned" if r < 0.94 else "inactive"

    def period(self, status: str, earliest: date = _FIRST) -> dict[str, object]:
        """active_from, active_until and last_checked that fit the status and the AS_OF day."""
        rng = self.rng
        if status == "planned":
            start = _rand_date(rng, *_PLANNED)
            return {"active_from": start, "active_until": None,
                    "last_checked": _rand_date(rng, date(2026, 6, 1), AS_OF)}
        if status == "inactive":
            start = _rand_date(rng, earliest, max(earliest, date(2022, 12, 31)))
            until = _rand_date(rng, start + timedelta(days=365), date(2025, 12, 31))
            return {"active_from": start, "active_until": until,
                    "last_checked": _rand_date(rng, until, min(until + timedelta(days=120), AS_OF))}
        start = _rand_date(rng, earliest, _LAST_START)
        return {"active_from": start, "active_until": None,
                "last_checked": _rand_date(rng, max(start, date(2025, 1, 1)), AS_OF)}

    def add(self, geometry: BaseGeometry, owner: _Owner, *, personal: bool = False,
            status: str | None = None, earliest: date = _FIRST, **fields: object) -> dict[str, object]:
        """Add one registration; personal-data entries get the owner's privacy statement."""
        status = status or self.status()
        period = self.period(status, earliest)
        entry: dict[str, object] = {
            "owner": owner.name,
            "contact": owner.contact,
            "personal_data": "ja" if personal else "nee",
            "privacy_statement_url": owner.privacy_url if personal else "",
            "legal_basis": "none",
            "dpia": "ja" if personal else "nee",
            "biometric": "nee",
            "status": status,
            "source": "register",
            **period,
            "geometry": geometry,
        }
        entry.update(fields)
        if status != "active":
            # A project end date fits an active entry; a planned or ended one keeps its own period.
            entry["active_until"] = period["active_until"]
        self.entries.append(entry)
        return entry

    # -- the register, group by group ---------------------------------------------------

    def cameras(self) -> None:
        rng = self.rng
        plan = [(CENTRUM, 36, "camera_centrum"), (STATION, 24, "camera_station"),
                (HARBOUR, 12, "camera_haven"), (INDUSTRIAL, 5, "camera_bedrijven")]
        plan += [(name, 3, "camera_centrum") for name in _INNER_NAMES]
        # Two outer buurten with a shopping centre get a few cameras of their own.
        shops = sorted(self.residential(), key=lambda b: (b.rho < 0.45, -b.population))[:2]
        plan += [(b.name, 3, "camera_wijken") for b in shops]
        for name, n, decision in plan:
            buurt = self.by_name[name]
            ref, earliest = _DECISIONS[decision]
            for _ in range(n):
                street = rng.choice(buurt.streets)
                where = rng.choice((f"aan lantaarnpaal bij {street} {rng.randint(1, 120)}",
                                    f"aan gevel van {street} {rng.randint(1, 120)}",
                                    f"op cameramast op {street}"))
                self.add(self.point_in(buurt), GEMEENTE, personal=True, earliest=earliest,
                         name=f"Camera {street}", sensor_type="camera", purpose="safety",
                         data_types="images_identifiable", legal_basis="public_task",
                         legal_reference="Gemeentewet art. 151c", retention="28 dagen",
                         dpia=f"{_SITE}/dpia/cameratoezicht", council_decision=ref,
                         direction=str(5 * rng.randint(0, 71)), field_of_view=str(rng.choice((50, 60, 70, 90))),
                         range_m=str(rng.choice((30, 40, 50, 60))), description=self.describe("camera"),
                         location_description=where)
        # The provincial bridge over the Vaart and traffic cameras on the provincial roads.
        ref, earliest = _DECISIONS["provincie"]
        for k in range(3):
            p = self.on_road("Vaartweg", 0.55, 0.8)
            self.add(p, PROVINCIE, personal=True, earliest=earliest, name=f"Brugcamera Vaartbrug {k + 1}",
                     sensor_type="camera", purpose="infrastructure|safety", data_types="images_identifiable",
                     legal_basis="public_task", legal_reference="Waterwet (beheer vaarweg)",
                     retention="7 dagen", council_decision=ref, direction=str(rng.randint(0, 359)),
                     field_of_view="70", range_m="80", description=self.describe("camera_province"),
                     location_description="op de brugwachterspost van de Vaartbrug")
        for road in sorted(self.provincial):
            for _ in range(2):
                self.add(self.on_road(road, 0.6, 0.9), PROVINCIE, earliest=earliest,
                         name=f"Verkeerscamera {road}", sensor_type="camera", purpose="traffic",
                         data_types="images_anonymised", retention="24 uur", council_decision=ref,
                         direction=str(rng.randint(0, 359)), field_of_view="60", range_m="100",
                         description=self.describe("camera_traffic"),
                         location_description=f"op portaal boven de {road}")

    def anpr(self) -> None:
        rng = self.rng
        ref, earliest = _DECISIONS["milieuzone"]
        for road in sorted(self.roads):
            p = self.on_road(road, 0.22, 0.26)
            self.add(p, GEMEENTE, personal=True, earliest=earliest, status="active",
                     name=f"Kentekencamera milieuzone {road}", sensor_type="anpr",
                     purpose="environment|enforcement", data_types="licence_plates",
                     legal_basis="public_task", legal_reference="Wegenverkeerswet 1994 art. 15 (milieuzone)",
                     retention="7 dagen", dpia=f"{_SITE}/dpia/milieuzone", council_decision=ref,
                     algorithm_register_url=f"{_ALGORITHMS}/milieuzone", direction=str(rng.randint(0, 359)),
                     field_of_view="30", range_m="25", description=self.describe("anpr_milieuzone"),
                     location_description=f"aan mast bij de ingang van de milieuzone, {road}")
        for street in self.by_name[CENTRUM].streets[:3]:
            self.add(self.point_in(self.by_name[CENTRUM]), GEMEENTE, personal=True, earliest=earliest,
                     status="active", name=f"Kentekencamera milieuzone {street}", sensor_type="anpr",
                     purpose="environment|enforcement", data_types="licence_plates",
                     legal_basis="public_task", legal_reference="Wegenverkeerswet 1994 art. 15 (milieuzone)",
                     retention="7 dagen", dpia=f"{_SITE}/dpia/milieuzone", council_decision=ref,
                     algorithm_register_url=f"{_ALGORITHMS}/milieuzone", direction=str(rng.randint(0, 359)),
                     field_of_view="30", range_m="25", description=self.describe("anpr_milieuzone"),
                     location_description=f"aan lantaarnpaal, {street}")
        ref, earliest = _DECISIONS["vrachtverkeer"]
        for road in sorted(self.roads):
            self.add(self.on_road(road, 0.9, 0.93), GEMEENTE, personal=True, earliest=earliest,
                     name=f"Kentekencamera stadsentree {road}", sensor_type="anpr",
                     purpose="enforcement|traffic", data_types="licence_plates", legal_basis="public_task",
                     legal_reference="Wegenverkeerswet 1994 art. 15", retention="28 dagen",
                     dpia=f"{_SITE}/dpia/vrachtverkeer", council_decision=ref,
                     direction=str(rng.randint(0, 359)), field_of_view="30", range_m="30",
                     description=self.describe("anpr_entrance"),
                     location_description=f"aan portaal bij de stadsentree, {road}")

    def scan_cars(self) -> None:
        """Two areas where the parking scan car drives: the centre ring and the ring around it."""
        ref, earliest = _DECISIONS["parkeren"]
        # Wijk 00 is the binnenstad; the permit area is every buurt that borders it.
        zone_a = unary_union([b.polygon for b in self.buurten if b.code[6:8] == "00"])
        around = [b.polygon for b in self.buurten if b.code[6:8] != "00" and b.polygon.intersects(zone_a)]
        zone_b = unary_union(around).difference(zone_a)
        for name, zone in (("Scanauto betaald parkeren binnenstad", zone_a),
                           ("Scanauto vergunninggebied rond de binnenstad", zone_b)):
            area = zone.buffer(-25).simplify(10)
            self.add(area, GEMEENTE, personal=True, earliest=earliest, status="active", name=name,
                     sensor_type="anpr", purpose="parking|enforcement",
                     data_types="licence_plates|images_identifiable|location", legal_basis="public_task",
                     legal_reference="Gemeentewet art. 225 (parkeerbelasting)",
                     retention="2 dagen", dpia=f"{_SITE}/dpia/scanauto", council_decision=ref,
                     algorithm_register_url=f"{_ALGORITHMS}/scanauto", description=self.describe("scan_car"),
                     location_description="rijdt door de straten in dit gebied")

    def uncovered(self) -> None:
        """Cameras that lack a council decision: private garages, a recycling yard, police ANPR."""
        rng = self.rng
        garages = ((CENTRUM, "Parkeergarage De Markt"), (STATION, "Parkeergarage Stationsplein"))
        for buurt_name, garage in garages:
            buurt = self.by_name[buurt_name]
            p = self.point_in(buurt)
            self.add(p, PARKEERNU, personal=True, status="active", name=f"Camera {garage}",
                     sensor_type="camera", purpose="safety", data_types="images_identifiable",
                     legal_basis="legitimate_interest", legal_reference="AVG art. 6 lid 1 sub f",
                     retention="28 dagen", direction=str(rng.randint(0, 359)), field_of_view="90",
                     range_m="30", description=(
                         "Camera in de parkeergarage van ParkeerNu. De camera beveiligt de garage en de "
                         "auto's. De beelden worden na 28 dagen gewist."),
                     location_description=f"bij de betaalautomaat, {garage}")
            self.add(Point(p.x + 12, p.y + 8), PARKEERNU, personal=True, status="active",
                     name=f"Kentekencamera {garage}", sensor_type="anpr", purpose="parking|commercial",
                     data_types="licence_plates", legal_basis="contract",
                     legal_reference="Parkeerovereenkomst (algemene voorwaarden ParkeerNu)",
                     retention="30 dagen", direction=str(rng.randint(0, 359)), field_of_view="30",
                     range_m="10", description=self.describe("anpr_garage"),
                     location_description=f"bij de in- en uitrit, {garage}")
        yard = self.by_name[INDUSTRIAL]
        for k in range(2):
            self.add(self.point_in(yard), GEMEENTE, personal=True, status="active",
                     name=f"Camera milieustraat {k + 1}", sensor_type="camera", purpose="safety|waste",
                     data_types="images_identifiable", legal_basis="public_task",
                     legal_reference="AVG art. 6 lid 1 sub e", retention="28 dagen",
                     direction=str(rng.randint(0, 359)), field_of_view="70", range_m="40",
                     description=("Camera op de milieustraat. De camera helpt tegen diefstal en het illegaal "
                                  "storten van afval."),
                     location_description="Milieustraat, Ambachtsweg 4")
        for road in sorted(self.provincial):
            self.add(self.on_road(road, 0.95, 0.97), POLITIE, personal=True, status="active",
                     name=f"ANPR-camera politie {road}", sensor_type="anpr", purpose="safety|enforcement",
                     data_types="licence_plates", legal_basis="legal_obligation",
                     legal_reference="Wetboek van Strafvordering art. 126jj", retention="28 dagen",
                     dpia="ja", direction=str(rng.randint(0, 359)), field_of_view="30", range_m="30",
                     description=self.describe("anpr_police"),
                     location_description=f"boven de rijbaan van de {road}, bij de gemeentegrens")

    def problems(self) -> None:
        """The deliberately problematic but valid entries the dashboard must flag."""
        station = self.by_name[STATION]
        ref, earliest = _DECISIONS["biometrie"]
        self.add(self.point_in(station), GEMEENTE, personal=True, status="active",
                 name="Proef gezichtsherkenning Stationsplein", sensor_type="camera", purpose="safety|research",
                 data_types="images_identifiable", legal_basis="public_task",
                 legal_reference="Gemeentewet art. 151c", retention="3 dagen",
                 dpia=f"{_SITE}/dpia/gezichtsherkenning", biometric="ja", council_decision=ref,
                 algorithm_register_url=f"{_ALGORITHMS}/gezichtsherkenning",
                 active_from=earliest, active_until=date(2027, 2, 28), last_checked=date(2026, 10, 1),
                 direction="200", field_of_view="60", range_m="25",
                 description=("Proef met gezichtsherkenning. De camera zoekt personen met een gebiedsverbod. "
                              "Gezichten die niet op de lijst staan, worden direct gewist. Dit is biometrie."),
                 location_description="aan de gevel van het station, Stationsplein 1")
        self.add(self.on_road("Noorderdreef", 0.4, 0.6), GEMEENTE, status="active",
                 name="Tijdelijke verkeersteller werkzaamheden Noorderdreef", sensor_type="traffic",
                 purpose="traffic", data_types="counts", retention="1 jaar",
                 active_from=date(2023, 3, 1), active_until=date(2024, 12, 31), last_checked=date(2024, 6, 3),
                 description=("Tijdelijke teller tijdens de werkzaamheden aan de Noorderdreef. "
                              "Hij telt auto's en fietsen."),
                 location_description="aan lantaarnpaal in de middenberm, Noorderdreef")
        self.add(self.on_road("Vaartweg", 0.7, 0.85), PROVINCIE, personal=True, status="active",
                 name="Bluetoothsensor reistijd Vaartweg", sensor_type="wifi_bluetooth", purpose="traffic",
                 data_types="device_ids|counts", legal_basis="public_task",
                 legal_reference="Wegenverkeerswet 1994", retention="24 uur", dpia="nee", range_m="100",
                 description=self.describe("wifi_travel_time"), location_description="in de berm van de Vaartweg")
        ref, earliest = _DECISIONS["camera_station"]
        self.add(self.point_in(station), GEMEENTE, personal=True, status="active", earliest=earliest,
                 name="Camera fietsenstalling station", sensor_type="camera", purpose="safety",
                 data_types="images_identifiable", legal_basis="public_task",
                 legal_reference="Gemeentewet art. 151c", retention="28 dagen", dpia="nee",
                 council_decision=ref, direction="90", field_of_view="90", range_m="30",
                 description="Camera in de fietsenstalling bij het station. De camera helpt tegen fietsendiefstal.",
                 location_description="aan het plafond van de fietsenstalling, Stationsplein")
        ref, earliest = _DECISIONS["drukte"]
        self.add(self.point_in(self.by_name[HARBOUR]), GEMEENTE, personal=True, status="active",
                 earliest=earliest, name="Wifiteller proef Havenkade", sensor_type="wifi_bluetooth",
                 purpose="crowd|research", data_types="device_ids|counts", legal_basis="legitimate_interest",
                 retention="24 uur", dpia=f"{_SITE}/dpia/wifitellers", council_decision=ref, range_m="75",
                 description=self.describe("wifi"), location_description="aan lantaarnpaal, Havenkade")

    def environment(self) -> None:
        rng = self.rng
        lively = [self.by_name[n] for n in (CENTRUM, HARBOUR, STATION)]
        for _ in range(28):
            buurt = rng.choice(lively)
            street, address = self.address(buurt)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Geluidsensor {street}",
                     sensor_type="sound", purpose="environment", data_types="sound_level", retention="5 jaar",
                     range_m="100", description=self.describe("sound"),
                     location_description=f"aan lantaarnpaal bij {address}")
        for _ in range(12):
            road = rng.choice(sorted(self.roads))
            self.add(self.on_road(road, 0.3, 0.9), GEMEENTE, name=f"Geluidsensor {road}", sensor_type="sound",
                     purpose="environment|traffic", data_types="sound_level", retention="5 jaar",
                     description=self.describe("sound"), location_description=f"langs de {road}")
        for _ in range(18):
            buurt = rng.choice(self.buurten)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Luchtsensor {buurt.name}", sensor_type="air",
                     purpose="environment|health", data_types="environmental", retention="10 jaar",
                     description=self.describe("air"),
                     location_description=f"aan lantaarnpaal bij {self.address(buurt)[1]}")
        for road in sorted(self.provincial):
            for _ in range(3):
                self.add(self.on_road(road, 0.4, 0.9), PROVINCIE, name=f"Meetstation luchtkwaliteit {road}",
                         sensor_type="air", purpose="environment|health", data_types="environmental",
                         retention="10 jaar", description=self.describe("air_station"),
                         location_description=f"in meetkast naast de {road}")
        for _ in range(36):
            buurt = rng.choice(self.residential())
            self.add(self.point_in(buurt), INSTITUUT, personal=True, name=f"Burgermeetpunt lucht {buurt.name}",
                     sensor_type="air", purpose="research|environment", data_types="environmental",
                     legal_basis="consent", legal_reference="AVG art. 6 lid 1 sub a", retention="2 jaar",
                     dpia="https://www.leefbarestad.example/dpia/burgermeetnet",
                     active_until=date(2028, 12, 31) if rng.random() < 0.5 else None,
                     description=self.describe("air_citizen"),
                     location_description=f"aan de gevel van een woning, {rng.choice(buurt.streets)}")

    def climate_and_water(self) -> None:
        rng = self.rng
        for _ in range(26):
            buurt = rng.choice(self.residential())
            self.add(self.point_in(buurt), GEMEENTE, name=f"Hittesensor {buurt.name}", sensor_type="climate",
                     purpose="climate_energy|health", data_types="environmental", retention="10 jaar",
                     description=self.describe("climate"),
                     location_description=f"aan lantaarnpaal bij {self.address(buurt)[1]}")
        for k in range(8):
            buurt = rng.choice(self.buurten)
            self.add(self.point_in(buurt), WATERSCHAP, name=f"Regenmeter {k + 1}", sensor_type="climate",
                     purpose="climate_energy|infrastructure", data_types="environmental", retention="10 jaar",
                     description=self.describe("climate_rain"),
                     location_description=f"op het dak van een gebouw, {rng.choice(buurt.streets)}")
        for _ in range(10):
            buurt = rng.choice(self.buurten)
            self.add(self.point_in(buurt), INSTITUUT, name=f"Weerstation onderzoek {buurt.name}",
                     sensor_type="climate", purpose="research|climate_energy", data_types="environmental",
                     retention="5 jaar", active_until=date(2028, 12, 31),
                     description=self.describe("climate_research"),
                     location_description=f"op paal in het groen bij {rng.choice(buurt.streets)}")
        for road in sorted(self.roads):
            for _ in range(3):
                self.add(self.on_road(road, 0.15, 0.95), WATERSCHAP, name=f"Peilmeter vaart langs {road}",
                         sensor_type="water", purpose="infrastructure|nature", data_types="environmental",
                         retention="10 jaar", description=self.describe("water_level"),
                         location_description=f"aan de beschoeiing van de vaart langs de {road}")
        for k, road in enumerate(sorted(self.roads)[:3]):
            self.add(self.on_road(road, 0.8, 0.95), WATERSCHAP, name=f"Gemaal {('De Vaart', 'Het Zand', 'Oost')[k]}",
                     sensor_type="water", purpose="infrastructure", data_types="environmental",
                     retention="10 jaar", description=self.describe("water_pump"),
                     location_description="in het gemaal")
        for _ in range(24):
            buurt = rng.choice(self.buurten)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Peilbuis grondwater {buurt.name}", sensor_type="water",
                     purpose="infrastructure|climate_energy", data_types="environmental", retention="10 jaar",
                     description=self.describe("groundwater"),
                     location_description=f"in de stoep bij {self.address(buurt)[1]}")

    def crowd_and_traffic(self) -> None:
        rng = self.rng
        shopping = [(CENTRUM, s) for s in ("Marktstraat", "Grote Markt", "Nieuwstraat", "Kerkstraat")]
        shopping += [(STATION, "Stationsstraat"), (HARBOUR, "Havenkade")]
        ref, earliest = _DECISIONS["drukte"]
        for buurt_name, street in shopping:
            for _ in range(4):
                self.add(self.point_in(self.by_name[buurt_name]), GEMEENTE, personal=True, earliest=earliest,
                         name=f"Wifiteller {street}", sensor_type="wifi_bluetooth", purpose="crowd",
                         data_types="device_ids|counts", legal_basis="public_task",
                         legal_reference="Gemeentewet art. 172", retention="24 uur",
                         dpia=f"{_SITE}/dpia/wifitellers", council_decision=ref,
                         algorithm_register_url=f"{_ALGORITHMS}/drukte", range_m=str(rng.choice((50, 75, 100))),
                         description=self.describe("wifi"),
                         location_description=f"aan lantaarnpaal, {street} {rng.randint(1, 90)}")
        for road in sorted(self.provincial):
            for _ in range(2):
                self.add(self.on_road(road, 0.4, 0.9), PROVINCIE, personal=True, earliest=_DECISIONS["provincie"][1],
                         name=f"Bluetoothsensor reistijd {road}", sensor_type="wifi_bluetooth", purpose="traffic",
                         data_types="device_ids|counts", legal_basis="public_task",
                         legal_reference="Wegenverkeerswet 1994", retention="24 uur",
                         dpia="https://www.provincie-flevoland.example/dpia/reistijden", range_m="100",
                         description=self.describe("wifi_travel_time"),
                         location_description=f"in de berm van de {road}")
        for road in sorted(self.roads):
            owner = PROVINCIE if road in self.provincial else GEMEENTE
            for _ in range(9):
                self.add(self.on_road(road, 0.1, 0.95), owner, name=f"Verkeersteller {road}", sensor_type="traffic",
                         purpose="traffic", data_types="counts", retention="5 jaar",
                         description=self.describe("traffic"), location_description=f"in het wegdek van de {road}")
        for _ in range(16):
            p = self.ring_road.interpolate(rng.random(), normalized=True)
            self.add(p, GEMEENTE, name=f"Verkeersteller {RING_ROAD}", sensor_type="traffic", purpose="traffic",
                     data_types="counts", retention="5 jaar", description=self.describe("traffic"),
                     location_description=f"bij kruispunt op de {RING_ROAD}")
        for _ in range(10):
            buurt = rng.choice(self.buurten)
            street = rng.choice(buurt.streets)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Fietstelpaal {street}", sensor_type="traffic",
                     purpose="traffic|research", data_types="counts", retention="5 jaar",
                     description=self.describe("traffic_bike"), location_description=f"naast het fietspad, {street}")

    def parking_and_presence(self) -> None:
        rng = self.rng
        earliest = _DECISIONS["parkeren"][1]
        central = [self.by_name[n] for n in (CENTRUM, STATION, HARBOUR, *_INNER_NAMES)]
        kinds = (("Parkeersensor laadplek", 60), ("Parkeersensor gehandicaptenparkeerplaats", 50),
                 ("Parkeersensor laad- en losplek", 35), ("Parkeersensor kort parkeren", 45))
        for kind, n in kinds:
            for _ in range(n):
                buurt = central[min(int(rng.expovariate(0.6)), len(central) - 1)]
                street, address = self.address(buurt)
                self.add(self.point_in(buurt), GEMEENTE, earliest=earliest, name=f"{kind} {street}",
                         sensor_type="presence", purpose="parking", data_types="presence", retention="1 jaar",
                         description=self.describe("parking"),
                         location_description=f"in het wegdek van de parkeerplaats bij {address}")
        for buurt_name, garage in ((CENTRUM, "Parkeergarage De Markt"), (STATION, "Parkeergarage Stationsplein")):
            buurt = self.by_name[buurt_name]
            for level in range(-2, 3):
                self.add(self.point_in(buurt), PARKEERNU, name=f"Bezettingssensor {garage} laag {level}",
                         sensor_type="presence", purpose="parking|services", data_types="counts|presence",
                         retention="1 jaar", description=self.describe("garage_presence"),
                         location_description=f"{garage}, parkeerlaag {level}")
        for k in range(12):
            self.add(self.point_in(self.by_name[STATION]), GEMEENTE, name=f"Fietsparkeersensor rij {k + 1}",
                     sensor_type="presence", purpose="parking|services", data_types="counts",
                     retention="1 jaar", description=self.describe("bike_parking"),
                     location_description=f"fietsenstalling Stationsplein, rij {k + 1}")
        for _ in range(70):
            buurt = rng.choice(self.residential())
            street, address = self.address(buurt)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Slimme lantaarnpaal {street}",
                     sensor_type="presence", purpose="climate_energy|infrastructure", data_types="presence",
                     retention="30 dagen", description=self.describe("lamp_presence"),
                     location_description=f"in de lantaarnpaal bij {address}")

    def infrastructure(self) -> None:
        rng = self.rng
        for _ in range(45):
            buurt = rng.choice(self.buurten)
            street, address = self.address(buurt)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Energiemeter openbare verlichting {street}",
                     sensor_type="energy", purpose="climate_energy|infrastructure", data_types="environmental",
                     retention="5 jaar", description=self.describe("energy_lighting"),
                     location_description=f"in de verlichtingskast bij {address}")
        for building in ("Sporthal De Akker", "Gemeentehuis", "Zwembad De Vaart", "Bibliotheek",
                         "Gemeentewerf", "Sporthal Zuid", "Brede school Noord"):
            buurt = self.by_name[CENTRUM] if building in ("Gemeentehuis", "Bibliotheek") else rng.choice(self.buurten)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Zonnepanelen {building}", sensor_type="energy",
                     purpose="climate_energy", data_types="environmental", retention="10 jaar",
                     description=self.describe("energy_solar"), location_description=f"op het dak van {building}")
        for _ in range(10):
            buurt = rng.choice(self.buurten)
            street, address = self.address(buurt)
            self.add(self.point_in(buurt), GEMEENTE, name=f"Kantelsensor lantaarnpaal {street}",
                     sensor_type="position", purpose="infrastructure", data_types="other", retention="1 jaar",
                     description=self.describe("position"),
                     location_description=f"in de lantaarnpaal bij {address}")
        for k in range(2):
            self.add(self.on_road("Vaartweg", 0.6, 0.75), PROVINCIE, name=f"Standsensor Vaartbrug {k + 1}",
                     sensor_type="position", purpose="infrastructure", data_types="other", retention="1 jaar",
                     description=self.describe("position_bridge"),
                     location_description="in het brugdek van de Vaartbrug")
        for k in range(4):
            buurt = self.by_name[NEW_AREA]
            self.add(self.point_in(buurt), GEMEENTE, name=f"Trillingssensor bouwproject {k + 1}", sensor_type="other",
                     purpose="infrastructure", data_types="other", retention="2 jaar",
                     active_until=date(2027, 12, 31), description=self.describe("vibration"),
                     location_description=f"aan de gevel van een woning, {rng.choice(buurt.streets)}")

    def containers(self) -> None:
        """Fill-level sensors: one underground container per ~70 residents."""
        rng = self.rng
        kinds = (("restafval", 0.55), ("papier", 0.2), ("PMD", 0.15), ("glas", 0.1))
        for buurt in self.buurten:
            residents = 600 if buurt.population == CBS_MISSING else buurt.population
            for _ in range(round(residents / 70)):
                kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
                _, address = self.address(buurt)
                self.add(self.point_in(buurt), GEMEENTE, name=f"Container {kind} {address}",
                         sensor_type="fill_level", purpose="waste", data_types="other", retention="1 jaar",
                         description=self.describe("fill_level"),
                         location_description=f"in ondergrondse container voor {kind}, {address}")

    # -- output -------------------------------------------------------------------------

    def rows(self) -> list[dict[str, str]]:
        """Number the entries in the order they went live, as a register grows, and format them."""
        order = sorted(range(len(self.entries)), key=lambda i: (self.entries[i]["active_from"], i))
        points = [self.entries[i]["geometry"] for i in order]
        xy = np.array([[g.x, g.y] if isinstance(g, Point) else [np.nan, np.nan] for g in points])
        lon, lat = crs.rd_to_wgs84(xy[:, 0], xy[:, 1])
        rows = []
        for n, i in enumerate(order):
            entry = self.entries[i]
            row = dict.fromkeys(REGISTER_COLUMNS, "")
            row.update({k: _text(v) for k, v in entry.items() if k in row})
            row["id"] = f"VBS-{n + 1:04d}"
            geom = entry["geometry"]
            if isinstance(geom, Point):
                row["lat"], row["lon"] = f"{lat[n]:.6f}", f"{lon[n]:.6f}"
            else:
                row["wkt"] = _wgs84_wkt(geom)
            rows.append(row)
        return rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    def project(coords: np.ndarray) -> np.ndarray:
        lon, lat = crs.rd_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, project)


def _wgs84_wkt(geom: BaseGeometry) -> str:
    return shapely.to_wkt(_to_wgs84(geom), rounding_precision=6, trim=False)


def build_register(neighbourhoods: gpd.GeoDataFrame, seed: int = DEFAULT_SEED) -> list[dict[str, str]]:
    """About 2,000 fictional registrations in and around the given buurten, as CSV text cells.

    Parameters
    ----------
    neighbourhoods : the buurten from build_neighbourhoods (any CRS; their names place the station,
        the harbour and the other landmarks).
    seed : the same seed always gives the same register.

    Returns
    -------
    Rows keyed by REGISTER_COLUMNS, every value a string: codes for code fields, `|` between list
    items, ISO dates, ja/nee, lat/lon with 6 decimals for points and WGS84 wkt for areas.

    >>> rows = build_register(build_neighbourhoods(2022), 2022)
    >>> rows[0]["id"], rows[0]["source"], list(rows[0]) == list(REGISTER_COLUMNS)
    ('VBS-0001', 'register', True)
    """
    builder = _RegisterBuilder(neighbourhoods, seed)
    for add_group in (builder.cameras, builder.anpr, builder.scan_cars, builder.uncovered, builder.problems,
                      builder.environment, builder.climate_and_water, builder.crowd_and_traffic,
                      builder.parking_and_presence, builder.infrastructure, builder.containers):
        add_group()
    return builder.rows()


# --------------------------------------------------------------------------------------------
# Files


def _coords(ring: Sequence[tuple[float, float]]) -> str:
    # Fixed six decimals (about 10 cm) so that the bytes never depend on float repr.
    return "[" + ",".join(f"[{x:.6f},{y:.6f}]" for x, y in ring) + "]"


def _polygon_coords(poly: Polygon) -> str:
    return "[" + ",".join(_coords(r.coords) for r in (poly.exterior, *poly.interiors)) + "]"


def _geometry_json(geom: BaseGeometry) -> str:
    if isinstance(geom, MultiPolygon):
        body = "[" + ",".join(_polygon_coords(p) for p in geom.geoms) + "]"
        return f'{{"coordinates":{body},"type":"MultiPolygon"}}'
    return f'{{"coordinates":{_polygon_coords(geom)},"type":"Polygon"}}'


def neighbourhoods_geojson(neighbourhoods: gpd.GeoDataFrame) -> str:
    """The buurten as a GeoJSON FeatureCollection in WGS84, one feature per line, keys sorted.

    >>> text = neighbourhoods_geojson(build_neighbourhoods())
    >>> text.startswith('{"description":"Fictieve demodata.'), text.count('"type":"Feature"')
    (True, 32)
    """
    gdf = neighbourhoods if neighbourhoods.crs == RD_NEW else neighbourhoods.to_crs(RD_NEW)
    features = []
    for row in gdf.itertuples(index=False):
        props = {
            "buurtcode": row.buurtcode, "buurtnaam": row.buurtnaam, "wijkcode": row.wijkcode,
            "gemeentenaam": row.gemeentenaam, "aantal_inwoners": int(row.aantal_inwoners),
        }
        props_json = json.dumps(props, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        geom = _geometry_json(_to_wgs84(row.geometry))
        features.append(f'{{"geometry":{geom},"properties":{props_json},"type":"Feature"}}')
    head = json.dumps(COLLECTION_DESCRIPTION, ensure_ascii=False)
    name = json.dumps(COLLECTION_NAME, ensure_ascii=False)
    return (f'{{"description":{head},"features":[\n' + ",\n".join(features)
            + f'\n],"name":{name},"type":"FeatureCollection"}}\n')


def register_csv(rows: Sequence[dict[str, str]]) -> str:
    """The register rows as CSV text with a header, `,` delimited and `\\n` line endings.

    >>> register_csv([{c: "" for c in REGISTER_COLUMNS}]).splitlines()[0].split(",")[:3]
    ['id', 'name', 'sensor_type']
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _write(path: Path, text: str) -> None:
    # Bytes, not text mode: no platform newline translation and no BOM.
    path.write_bytes(text.encode("utf-8"))


def write_demo(data_dir: Path = DATA_DIR, seed: int = DEFAULT_SEED) -> tuple[Path, Path]:
    """Write the demo register and buurten of Voorbeeldstad into `data_dir`.

    The same seed gives the same bytes, on any day.

    Parameters
    ----------
    data_dir : folder to write into; created when missing.
    seed : the seed of the city and its register.

    Returns
    -------
    The paths of the register CSV and the buurten GeoJSON.

    >>> import tempfile
    >>> register, buurten = write_demo(Path(tempfile.mkdtemp()))
    >>> register.name, buurten.name
    ('demo_register.csv', 'demo_buurten.geojson')
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    neighbourhoods = build_neighbourhoods(seed)
    register_path = data_dir / DEMO_REGISTER.name
    neighbourhoods_path = data_dir / DEMO_NEIGHBOURHOODS.name
    _write(register_path, register_csv(build_register(neighbourhoods, seed)))
    _write(neighbourhoods_path, neighbourhoods_geojson(neighbourhoods))
    return register_path, neighbourhoods_path


__all__: Sequence[str] = ("REGISTER_COLUMNS", "build_neighbourhoods", "build_register", "neighbourhoods_geojson",
                          "register_csv", "write_demo")
