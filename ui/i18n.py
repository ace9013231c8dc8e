"""Every visible string of the app, in Dutch and English, behind one function: t(key)."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

#: key -> (Dutch, English). Dutch at B1 level: short sentences, everyday words.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Zichtbaar", "Zichtbaar"),
    "app.tagline": (
        "Welke sensoren en camera's staan er in de openbare ruimte, van wie zijn ze en waarom?",
        "Which sensors and cameras are in public space, who owns them, and why?",
    ),
    "lang.label": ("Taal", "Language"),
    "lang.nl": ("Nederlands", "Nederlands"),
    "lang.en": ("English", "English"),
    "nav.home": ("Start", "Home"),
    "nav.near": ("Wat wordt hier gemeten?", "What is measured here?"),
    "demo.banner": (
        "Dit is een **voorbeeld met verzonnen gegevens**. De gemeente Voorbeeldstad en alle sensoren "
        "hieronder bestaan niet.",
        "This is an **example with made-up data**. The municipality of Voorbeeldstad and all sensors "
        "below do not exist.",
    ),
    "home.intro": (
        "Gemeenten plaatsen camera's en sensoren in de openbare ruimte: op straat, in parken en bij "
        "stations. Ze hebben afgesproken dat u mag weten wat er wordt gemeten, door wie, waarom en op "
        "welke grond. Zichtbaar laat dat zien.",
        "Municipalities place cameras and sensors in public space: in streets, parks and at stations. "
        "They have agreed that you may know what is measured, by whom, why and on what grounds. "
        "Zichtbaar shows you.",
    ),
    "home.figures": ("Het register in cijfers", "The register in figures"),
    "home.total": ("Registraties", "Registrations"),
    "home.personal": ("Verwerken persoonsgegevens", "Process personal data"),
    "home.owners": ("Organisaties", "Organisations"),
    "home.neighbourhoods": ("Buurten", "Neighbourhoods"),
    "home.by_type": ("Per soort sensor", "By sensor type"),
    "home.type": ("Soort", "Type"),
    "home.count": ("Aantal", "Number"),
    "home.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "home.flags.help": (
        "Deze registraties staan in het register, maar passen niet bij de principes die alle "
        "gemeenten in 2022 hebben afgesproken. We laten ze zien, zodat iedereen ze kan zien.",
        "These registrations are in the register, but do not fit the principles all Dutch "
        "municipalities agreed on in 2022. We show them, so that everyone can see them.",
    ),
    "home.updated": ("Register bijgewerkt op {date}.", "Register last updated on {date}."),
    "home.source": ("Bron: {source}.", "Source: {source}."),
    "home.principles": ("Over de principes", "About the principles"),
    "home.principles.text": (
        "In 2022 hebben alle Nederlandse gemeenten de *Principes voor de digitale samenleving* van de "
        "VNG aangenomen. Techniek in de openbare ruimte moet democratisch besloten worden, publieke "
        "waarde dienen, in een openbaar register staan en actief aan inwoners worden uitgelegd. "
        "Biometrische surveillance, zoals gezichtsherkenning, doen gemeenten voorlopig niet.",
        "In 2022 all Dutch municipalities adopted the VNG *Principles for the digital society*. "
        "Technology in public space needs a democratic decision, must serve public value, must be "
        "listed in a public register and must be actively explained to residents. Biometric "
        "surveillance, such as facial recognition, is excluded for now.",
    ),
    "home.privacy": (
        "Zichtbaar volgt u niet: geen cookies voor statistiek, geen analyse van uw bezoek.",
        "Zichtbaar does not track you: no analytics cookies, no analysis of your visit.",
    ),
    "near.intro": (
        "Kies een plek: zoek een adres of postcode, gebruik uw locatie of tik op de kaart. U ziet dan welke "
        "camera's en sensoren daar staan, van wie ze zijn en waarom.",
        "Choose a place: search for an address or postcode, use your location or tap the map. You will see "
        "which cameras and sensors are there, who owns them and why.",
    ),
    "near.privacy": (
        "Uw adres en locatie blijven in dit venster: we bewaren en loggen ze niet, en alleen PDOK, de kaartdienst "
        "van de overheid, krijgt het adres dat u zoekt en de stukjes kaart rond de plek.",
        "Your address and location stay in this window: we do not store or log them, and only PDOK, the "
        "government's map service, receives the address you search for and the map tiles around the spot.",
    ),
    "near.search.label": ("Adres of postcode", "Address or postcode"),
    "near.search.placeholder": ("Bijvoorbeeld Markt 1 of 1234 AB 5", "For example Markt 1 or 1234 AB 5"),
    "near.search.button": ("Zoeken", "Search"),
    "near.search.none": (
        "Geen plek gevonden. Probeer een postcode met huisnummer, of tik op de kaart.",
        "No place found. Try a postcode with a house number, or tap the map.",
    ),
    "near.search.others": ("Bedoelt u een andere plek?", "Did you mean another place?"),
    "near.locate.label": ("Gebruik mijn locatie", "Use my location"),
    "near.locate.busy": ("Uw locatie wordt opgevraagd …", "Asking for your location …"),
    "near.locate.denied": (
        "U gaf geen toestemming voor uw locatie. Zoek een adres of tik op de kaart.",
        "You did not allow access to your location. Search for an address or tap the map.",
    ),
    "near.locate.unavailable": (
        "Uw locatie is nu niet te bepalen. Zoek een adres of tik op de kaart.",
        "Your location cannot be found right now. Search for an address or tap the map.",
    ),
    "near.locate.timeout": (
        "Het duurde te lang om uw locatie te bepalen. Probeer het opnieuw of tik op de kaart.",
        "Finding your location took too long. Try again or tap the map.",
    ),
    "near.locate.unsupported": (
        "Deze browser kan uw locatie niet delen. Zoek een adres of tik op de kaart.",
        "This browser cannot share your location. Search for an address or tap the map.",
    ),
    "near.outside": (
        "Die plek ligt niet in Nederland. Zoek een adres of tik op de kaart.",
        "That place is not in the Netherlands. Search for an address or tap the map.",
    ),
    "near.radius": ("Hoe ver om deze plek heen?", "How far around this spot?"),
    "near.map.hint": ("Tik op de kaart om een plek te kiezen.", "Tap the map to choose a spot."),
    "near.pick": (
        "Kies eerst een plek: zoek een adres, gebruik uw locatie of tik op de kaart.",
        "First choose a place: search for an address, use your location or tap the map.",
    ),
    "near.place": ("Plek: {place}", "Place: {place}"),
    "near.list": ("Wat staat hier? Dichtstbij eerst", "What is here? Nearest first"),
    "near.share": (
        "Kopieer de link in de adresbalk om deze plek te delen.",
        "Copy the link in the address bar to share this place.",
    ),
    "near.more": ("Toon er meer ({shown} van {total})", "Show more ({shown} of {total})"),
    "near.neighbourhood": ("Meer over de buurt {name}", "More about the neighbourhood {name}"),
    "nav.policy": ("Beleid", "Policy"),
    "nav.check": ("Register controleren", "Check a register"),
    "policy.title": ("Beleid: wat staat er, waar, en klopt het?", "Policy: what is there, where, and is it in order?"),
    "policy.intro": (
        "Deze pagina is voor beleidsmedewerkers van de gemeente. U ziet welke registraties niet passen bij "
        "de principes, waar veel sensoren bij elkaar staan, hoeveel van elke buurt in beeld is van camera's "
        "en wat er per kwartaal bij kwam.",
        "This page is for the municipality's policy staff. It shows which registrations do not fit the "
        "principles, where sensors are concentrated, how much of each neighbourhood cameras see, and what "
        "was added per quarter.",
    ),
    "policy.scope.all": ("Alle {n} registraties tellen mee.", "All {n} registrations are included."),
    "policy.scope.filtered": (
        "{n} van de {total} registraties tellen mee: dezelfde filters als op de kaart.",
        "{n} of the {total} registrations are included: the same filters as on the map.",
    ),
    "policy.scope.change": ("Filters aanpassen op de kaart", "Change the filters on the map"),
    "policy.section": ("Onderdeel", "Section"),
    "policy.section.principles": ("Principes", "Principles"),
    "policy.section.hotspots": ("Concentraties", "Hotspots"),
    "policy.section.coverage": ("Camerabereik", "Camera coverage"),
    "policy.section.trends": ("Per kwartaal", "By quarter"),
    "policy.principles.title": ("Toets aan de principes", "Check against the principles"),
    "policy.principles.intro": (
        "In 2022 hebben alle gemeenten de Principes voor de digitale samenleving van de VNG aangenomen. "
        "Per principe ziet u hoeveel registraties er niet aan voldoen. Met de link ziet u ze op de kaart.",
        "In 2022 all municipalities adopted the VNG Principles for the digital society. For each principle "
        "you see how many registrations fall short of it. The link shows them on the map.",
    ),
    "policy.principles.rules": (
        "'Lang niet gecontroleerd' betekent: de laatste controle is meer dan {years} jaar geleden, of er "
        "staat geen datum. Registraties met de status 'inactief' tellen bij 'Regelmatig evalueren' niet mee.",
        "'Long unchecked' means: the last check was more than {years} years ago, or there is no date. "
        "Registrations with the status 'inactive' do not count for 'Regular evaluation'.",
    ),
    "policy.principles.col.count": ("Aantal", "Number"),
    "policy.principles.col.map": ("Kaart", "Map"),
    "policy.principles.show": ("Toon op de kaart", "Show on the map"),
    "policy.principles.show.all": ("Toon deze {n} op de kaart", "Show these {n} on the map"),
    "policy.principles.ok": ("Alle registraties voldoen.", "All registrations comply."),
    "policy.principles.which": ("Welke registraties? ({n})", "Which registrations? ({n})"),
    "policy.principle.biometrics": ("Geen biometrie", "No biometrics"),
    "policy.principle.data_use": ("Zorgvuldig gebruik van gegevens", "Careful use of data"),
    "policy.principle.democratic": ("Democratisch besluit", "Democratic decision-making"),
    "policy.principle.evaluation": ("Regelmatig evalueren", "Regular evaluation"),
    "policy.principle.communication": ("Uitleg aan inwoners", "Explaining to residents"),
    "policy.principle.biometrics.rule": (
        "De sensor verwerkt biometrische gegevens, zoals gezichten.",
        "The sensor processes biometric data, such as faces.",
    ),
    "policy.principle.data_use.rule": (
        "Er worden persoonsgegevens verwerkt zonder grondslag, privacyverklaring of DPIA.",
        "Personal data is processed without a legal basis, privacy statement or DPIA.",
    ),
    "policy.principle.democratic.rule": (
        "Een camera of kentekencamera heeft geen besluit van de gemeenteraad.",
        "A camera or licence-plate camera has no council decision.",
    ),
    "policy.principle.evaluation.rule": (
        "De einddatum is voorbij, of de registratie is lang niet gecontroleerd.",
        "The end date has passed, or the entry has not been checked for a long time.",
    ),
    "policy.principle.communication.rule": (
        "Er staat geen uitleg in gewone taal bij voor inwoners.",
        "There is no plain-language description for residents.",
    ),
    "policy.reason.biometric": ("Biometrie", "Biometrics"),
    "policy.reason.no_legal_basis": ("Geen grondslag", "No legal basis"),
    "policy.reason.no_privacy_statement": ("Geen privacyverklaring", "No privacy statement"),
    "policy.reason.no_dpia": ("Geen DPIA", "No DPIA"),
    "policy.reason.no_council_decision": ("Geen raadsbesluit", "No council decision"),
    "policy.reason.expired": ("Einddatum voorbij", "End date passed"),
    "policy.reason.unchecked": ("Lang niet gecontroleerd", "Long unchecked"),
    "policy.reason.no_description": ("Geen uitleg", "No description"),
    "policy.col.id": ("Kenmerk", "Reference"),
    "policy.col.name": ("Naam", "Name"),
    "policy.col.type": ("Soort", "Type"),
    "policy.col.owner": ("Eigenaar", "Owner"),
    "policy.col.reasons": ("Wat ontbreekt", "What is missing"),
    "policy.hotspots.title": ("Waar staan veel sensoren bij elkaar?", "Where are sensors concentrated?"),
    "policy.hotspots.explain": (
        "Een rood vak is een plek waar, samen met de vakken eromheen, zoveel meer sensoren staan dan bij een "
        "gelijke spreiding over de stad, dat het bijna zeker geen toeval is.",
        "A red cell is a place where, together with the cells around it, there are so many more sensors than "
        "an even spread over the city would give that it is almost certainly not chance.",
    ),
    "policy.hotspots.method": (
        "Methode: Getis-Ord Gi* per vak met de vakken eromheen, getoetst tegen een gelijke spreiding over de "
        "buurten (exacte binomiale toets, tweezijdig), p < {alpha} na correctie voor het aantal vakken "
        "(Benjamini-Hochberg). Een blauw vak heeft juist minder sensoren dan bij een gelijke spreiding.",
        "Method: Getis-Ord Gi* per cell with the cells around it, tested against an even spread over the "
        "neighbourhoods (exact binomial test, two-sided), p < {alpha} after correcting for the number of "
        "cells (Benjamini-Hochberg). A blue cell has fewer sensors than an even spread would give.",
    ),
    "policy.hotspots.shape": ("Vorm van de vakken", "Cell shape"),
    "policy.hotspots.shape.hexagon": ("Zeshoeken", "Hexagons"),
    "policy.hotspots.shape.square": ("Vierkanten", "Squares"),
    "policy.hotspots.size": ("Grootte van een vak", "Cell size"),
    "policy.hotspots.metres": ("{n} m", "{n} m"),
    "policy.hotspots.cells": ("Vakken", "Cells"),
    "policy.hotspots.hot": ("Veel sensoren (rood)", "Many sensors (red)"),
    "policy.hotspots.cold": ("Weinig sensoren (blauw)", "Few sensors (blue)"),
    "policy.hotspots.untested": (
        "Er zijn te weinig registraties, of te weinig verschil tussen de vakken, om te toetsen.",
        "There are too few registrations, or too little difference between the cells, to test.",
    ),
    "policy.hotspots.outside": (
        "{n} registraties liggen buiten de buurten en tellen hier niet mee.",
        "{n} registrations lie outside the neighbourhoods and are not included here.",
    ),
    "policy.hotspots.tooltip": ("{n} registraties in dit vak", "{n} registrations in this cell"),
    "policy.hotspots.tooltip.hot": ("Veel sensoren: geen toeval", "Many sensors: not chance"),
    "policy.hotspots.tooltip.cold": ("Weinig sensoren: geen toeval", "Few sensors: not chance"),
    "policy.hotspots.layer": ("Vakken met sensoren", "Cells with sensors"),
    "policy.coverage.title": ("Hoeveel van elke buurt is in beeld van camera's?",
                              "How much of each neighbourhood do cameras see?"),
    "policy.coverage.intro": (
        "Voor elke camera tekenen we het gebied dat hij ziet: een taartpunt in de kijkrichting, zo ver als "
        "het bereik. Waar camera's hetzelfde stuk zien, tellen we dat één keer.",
        "For each camera we draw the area it sees: a slice of pie in the direction it looks, as far as its "
        "range. Where cameras see the same spot, it counts once.",
    ),
    "policy.coverage.share": ("Deel van de stad in beeld", "Share of the city watched"),
    "policy.coverage.cameras": ("Camera's", "Cameras"),
    "policy.coverage.watched_ha": ("In beeld (hectare)", "Watched (hectares)"),
    "policy.coverage.undirected": (
        "Van {n} camera's is de kijkrichting niet bekend. Voor hen rekenen we een hele cirkel rondom: "
        "{camera} meter voor een camera, {anpr} meter voor een kentekencamera, tenzij het bereik is ingevuld.",
        "For {n} cameras the direction is not known. For them we count a full circle around: {camera} metres "
        "for a camera, {anpr} metres for a licence-plate camera, unless the range is filled in.",
    ),
    "policy.coverage.mobile": (
        "{n} mobiele camera's, zoals scanauto's, tellen niet mee: zij zien niet hun hele gebied tegelijk.",
        "{n} mobile cameras, such as scan cars, are not included: they do not see their whole area at once.",
    ),
    "policy.coverage.none": ("Er zijn geen camera's in deze selectie.", "There are no cameras in this selection."),
    "policy.coverage.col.neighbourhood": ("Buurt", "Neighbourhood"),
    "policy.coverage.col.share": ("In beeld", "Watched"),
    "policy.coverage.col.cameras": ("Camera's", "Cameras"),
    "policy.coverage.col.undirected": ("Zonder kijkrichting", "Without direction"),
    "policy.coverage.col.area": ("Oppervlakte (ha)", "Area (ha)"),
    "policy.coverage.layer": ("Gebied in beeld van camera's", "Area watched by cameras"),
    "policy.coverage.tooltip": ("{name}: {share} in beeld", "{name}: {share} watched"),
    "policy.trends.title": ("Wat kwam erbij, en wanneer?", "What was added, and when?"),
    "policy.trends.intro": (
        "Het aantal registraties per kwartaal, naar de datum 'actief vanaf'. Geplande registraties staan in "
        "het kwartaal waarin ze beginnen.",
        "The number of registrations per quarter, by their 'active from' date. Planned registrations are in "
        "the quarter in which they start.",
    ),
    "policy.trends.quarter": ("Kwartaal", "Quarter"),
    "policy.trends.count": ("Aantal", "Number"),
    "policy.trends.type": ("Soort", "Type"),
    "policy.trends.table": ("Tabel per kwartaal", "Table by quarter"),
    "policy.trends.undated": (
        "{n} registraties hebben geen datum 'actief vanaf' en staan niet in de grafiek.",
        "{n} registrations have no 'active from' date and are not in the chart.",
    ),
    "policy.trends.empty": ("Geen registraties met een datum 'actief vanaf'.",
                            "No registrations with an 'active from' date."),
    "check.title": ("Registerbestand controleren", "Check a register file"),
    "check.intro": (
        "Upload een registerbestand: CSV, Excel, GeoJSON of GeoPackage. U krijgt dezelfde controle als met "
        "`python -m geo check`: welke rijen worden afgewezen en waarom, en welke waarschuwingen er zijn.",
        "Upload a register file: CSV, Excel, GeoJSON or GeoPackage. You get the same check as with "
        "`python -m geo check`: which rows are rejected and why, and which warnings there are.",
    ),
    "check.privacy": (
        "Het bestand blijft alleen in deze sessie. Het wordt niet opgeslagen en komt niet in het register.",
        "The file stays in this session only. It is not stored and does not go into the register.",
    ),
    "check.upload": ("Kies een bestand (ten hoogste {mb} MB)", "Choose a file (at most {mb} MB)"),
    "check.too_big": ("Het bestand is te groot ({size} MB). De grens is {mb} MB.",
                      "The file is too large ({size} MB). The limit is {mb} MB."),
    "check.neighbourhoods": (
        "Controleer ook of elke plaats in een buurt van {place} ligt",
        "Also check that every location lies in a neighbourhood of {place}",
    ),
    "check.this_municipality": ("deze gemeente", "this municipality"),
    "check.result": ("Uitkomst voor {name}", "Result for {name}"),
    "check.rows": ("Rijen", "Rows"),
    "check.accepted": ("Goedgekeurd", "Accepted"),
    "check.rejected": ("Afgewezen rijen", "Rejected rows"),
    "check.warnings": ("Waarschuwingen", "Warnings"),
    "check.all_ok": ("Alle rijen zijn goedgekeurd, zonder waarschuwingen.",
                     "All rows are accepted, without warnings."),
    "check.problems": ("Wat moet er beter?", "What needs fixing?"),
    "check.rows_hint": (
        "Rij 1 is de kopregel. De eerste registratie staat dus in rij 2, zoals in een spreadsheet.",
        "Row 1 is the header. So the first registration is in row 2, as in a spreadsheet.",
    ),
    "check.col.severity": ("Soort", "Kind"),
    "check.col.row": ("Rij", "Row"),
    "check.col.id": ("Kenmerk", "Reference"),
    "check.col.field": ("Veld", "Field"),
    "check.col.code": ("Code", "Code"),
    "check.col.message": ("Uitleg", "Explanation"),
    "check.severity.error": ("Afgewezen", "Rejected"),
    "check.severity.warning": ("Waarschuwing", "Warning"),
    "check.preview": ("Voorbeeld op de kaart", "Preview on the map"),
    "check.preview.caption": ("De {n} goedgekeurde registraties.", "The {n} accepted registrations."),
    "check.preview.limited": ("De kaart toont de eerste {n} van de {total} goedgekeurde registraties.",
                              "The map shows the first {n} of the {total} accepted registrations."),
    "check.preview.none": ("Er zijn geen goedgekeurde registraties om te tonen.",
                           "There are no accepted registrations to show."),
    "nav.overview": ("Buurten", "Neighbourhoods"),
    "nav.buurt": ("Buurt", "Neighbourhood"),
    "nav.present": ("Presentatie", "Presentation"),
    "overview.title": ("Buurten vergelijken", "Compare neighbourhoods"),
    "overview.intro": (
        "Hoeveel sensoren en camera's staan er in elke buurt? Hoe donkerder de kleur, hoe meer er zijn. "
        "Kies een buurt om te zien wat daar wordt gemeten en waarom.",
        "How many sensors and cameras are there in each neighbourhood? The darker the colour, the more "
        "there are. Choose a neighbourhood to see what is measured there and why.",
    ),
    "overview.measure": ("Tel per", "Count per"),
    "overview.measure.per_km2": ("km²", "km²"),
    "overview.measure.per_1000_residents": ("1.000 inwoners", "1,000 residents"),
    "overview.what": ("Welke registraties", "Which registrations"),
    "overview.what.all": ("Alle registraties", "All registrations"),
    "overview.what.sensor_type": ("Soort: {label}", "Type: {label}"),
    "overview.what.purpose": ("Doel: {label}", "Purpose: {label}"),
    "overview.map.label": (
        "Kaart van alle buurten, gekleurd naar het aantal registraties",
        "Map of all neighbourhoods, coloured by the number of registrations",
    ),
    "overview.map.hint": ("Klik op een buurt om die te openen.", "Click a neighbourhood to open it."),
    "overview.legend": ("Legenda: {title}", "Legend: {title}"),
    "overview.legend.help": (
        "Buurten met ongeveer dezelfde waarde krijgen dezelfde kleur. Grijs betekent: geen gegevens, "
        "bijvoorbeeld omdat het aantal inwoners niet bekend is.",
        "Neighbourhoods with about the same value get the same colour. Grey means: no data, for example "
        "because the number of residents is not known.",
    ),
    "overview.legend.count": ("{n} buurten", "{n} neighbourhoods"),
    "overview.legend.count1": ("1 buurt", "1 neighbourhood"),
    "overview.pick": ("Open een buurt", "Open a neighbourhood"),
    "overview.present": ("Alle buurten als presentatie", "All neighbourhoods as a presentation"),
    "overview.pick.placeholder": ("Kies een buurt", "Choose a neighbourhood"),
    "overview.ranking": ("Ranglijst", "Ranking"),
    "overview.ranking.help": ("Klik op een rij om de buurt te openen.", "Click a row to open the neighbourhood."),
    "overview.col.rank": ("Plaats", "Rank"),
    "overview.col.name": ("Buurt", "Neighbourhood"),
    "overview.col.count": ("Aantal", "Number"),
    "overview.col.population": ("Inwoners", "Residents"),
    "overview.col.area": ("Oppervlakte (km²)", "Area (km²)"),
    "overview.outside": (
        "{n} registraties liggen buiten alle buurten. Die tellen hier niet mee.",
        "{n} registrations lie outside every neighbourhood. They are not counted here.",
    ),
    "overview.empty": (
        "Er zijn geen buurten om te vergelijken. Laad eerst buurtgrenzen.",
        "There are no neighbourhoods to compare. Load neighbourhood boundaries first.",
    ),
    "buurt.subtitle": ("{municipality} · buurtcode {code}", "{municipality} · neighbourhood code {code}"),
    "buurt.subtitle.nomun": ("Buurtcode {code}", "Neighbourhood code {code}"),
    "buurt.unknown": (
        "Deze buurt kennen we niet. Misschien klopt de link niet. Kies hieronder een buurt, of ga terug "
        "naar het overzicht van alle buurten.",
        "We do not know this neighbourhood. The link may be wrong. Choose a neighbourhood below, or go "
        "back to the overview of all neighbourhoods.",
    ),
    "buurt.choose": ("Kies een buurt om te zien wat daar wordt gemeten.",
                     "Choose a neighbourhood to see what is measured there."),
    "buurt.back": ("Alle buurten", "All neighbourhoods"),
    "buurt.present": ("Presentatie", "Presentation"),
    "buurt.present.help": ("Groot op een scherm of beamer, voor een bewonersavond.",
                           "Large on a screen or projector, for a residents' evening."),
    "buurt.download": ("Feitenblad (PDF)", "Fact sheet (PDF)"),
    "buurt.download.help": ("Een A4 om te printen, met kaart, cijfers en alle registraties.",
                            "An A4 to print, with map, figures and every registration."),
    "buurt.map": ("Kaart", "Map"),
    "buurt.map.label": ("Kaart van de buurt met de registraties", "Map of the neighbourhood with its registrations"),
    "buurt.summary": ("In het kort", "In short"),
    "buurt.figures": ("De cijfers", "The figures"),
    "buurt.total": ("Registraties", "Registrations"),
    "buurt.per_km2": ("Per km²", "Per km²"),
    "buurt.per_1000": ("Per 1.000 inwoners", "Per 1,000 residents"),
    "buurt.personal": ("Verwerken persoonsgegevens", "Process personal data"),
    "buurt.city": ("Hele stad: {value}", "Whole city: {value}"),
    "buurt.by.sensor_type": ("Soort sensor", "Type of sensor"),
    "buurt.by.purpose": ("Doel", "Purpose"),
    "buurt.by.data_types": ("Soort gegevens", "Type of data"),
    "buurt.by.legal_basis": ("Grondslag (AVG)", "Legal basis (GDPR)"),
    "buurt.count": ("Aantal", "Number"),
    "buurt.what": ("Wat", "What"),
    "buurt.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "buurt.flags.none": ("Alle registraties in deze buurt passen bij de afspraken.",
                         "All registrations in this neighbourhood fit the principles."),
    "buurt.list": ("Alle registraties in deze buurt ({n})", "All registrations in this neighbourhood ({n})"),
    "buurt.empty": ("In deze buurt is niets geregistreerd.", "Nothing is registered in this neighbourhood."),
    "buurt.col.id": ("Kenmerk", "Reference"),
    "buurt.col.name": ("Naam", "Name"),
    "buurt.col.sensor_type": ("Soort", "Type"),
    "buurt.col.purpose": ("Doel", "Purpose"),
    "buurt.col.data_types": ("Gegevens", "Data"),
    "buurt.col.personal_data": ("Persoonsgegevens", "Personal data"),
    "buurt.col.legal_basis": ("Grondslag", "Legal basis"),
    "buurt.col.owner": ("Eigenaar", "Owner"),
    "buurt.col.status": ("Status", "Status"),
    "buurt.col.contact": ("Contact", "Contact"),
    "buurt.flag.col": ("Wat past niet", "What does not fit"),
    "present.prev": ("Vorige", "Previous"),
    "present.next": ("Volgende", "Next"),
    "present.exit": ("Stoppen", "Exit"),
    "present.position": ("Buurt {i} van {n}", "Neighbourhood {i} of {n}"),
    "present.keys": (
        "Toetsen: Page Down is volgende, Page Up is vorige, Esc is stoppen.",
        "Keys: Page Down is next, Page Up is previous, Esc is exit.",
    ),
    "present.registrations": ("sensoren en camera's", "sensors and cameras"),
    "present.per_km2": ("per km²", "per km²"),
    "present.per_1000": ("per 1.000 inwoners", "per 1,000 residents"),
    "present.personal": ("verwerken persoonsgegevens", "process personal data"),
    "present.city": ("hele stad: {value}", "whole city: {value}"),
    "error.load": (
        "Het register kan nu niet worden geladen. Probeer het later opnieuw.",
        "The register cannot be loaded right now. Please try again later.",
    ),
    # The map page and its filters.
    "nav.map": ("Kaart", "Map"),
    "map.title": ("Kaart van camera's en sensoren", "Map of cameras and sensors"),
    "map.intro": (
        "Elk icoon is een camera of sensor. De vorm en het teken laten de soort zien, de kleur het doel. "
        "Klik op een icoon om te lezen wat het doet, van wie het is en waarom het er staat.",
        "Each icon is a camera or sensor. The shape and symbol show the type, the colour the purpose. "
        "Click an icon to read what it does, who owns it and why it is there.",
    ),
    "map.count": ("**{shown}** van {total} registraties", "**{shown}** of {total} registrations"),
    "map.skip": ("Sla de kaart over", "Skip the map"),
    "map.flag.notice": (
        "U ziet alleen registraties die niet voldoen aan: **{principles}**.",
        "You see only registrations that fall short of: **{principles}**.",
    ),
    "map.flag.clear": ("Wis dit filter", "Clear this filter"),
    "map.count.none": (
        "Geen registraties passen bij deze filters. Kies minder filters of wis ze.",
        "No registrations match these filters. Choose fewer filters or clear them.",
    ),
    "map.tab.map": ("Kaart", "Map"),
    "map.tab.table": ("Tabel en downloads", "Table and downloads"),
    "map.caption": (
        "Met de knop rechtsboven op de kaart kiest u een andere achtergrond of zet u de buurtgrenzen uit. "
        "Laadt de achtergrond niet? De camera's en sensoren blijven gewoon zichtbaar.",
        "Use the button at the top right of the map to choose another background or hide the neighbourhood "
        "borders. Does the background not load? The cameras and sensors stay visible.",
    ),
    "map.base.brt": ("Achtergrondkaart (PDOK)", "Base map (PDOK)"),
    "map.base.osm": ("OpenStreetMap", "OpenStreetMap"),
    "map.base.none": ("Geen achtergrond", "No background"),
    "map.layer.neighbourhoods": ("Buurtgrenzen", "Neighbourhood borders"),
    "map.legend": ("Legenda", "Legend"),
    "map.legend.types": ("Soort (vorm en teken)", "Type (shape and symbol)"),
    "map.legend.purposes": ("Doel (kleur)", "Purpose (colour)"),
    "map.legend.other": ("Verder op de kaart", "Also on the map"),
    "map.legend.cone": ("Waar een camera naar kijkt", "Where a camera looks"),
    "map.legend.area": ("Gebied van een mobiele sensor", "Area of a mobile sensor"),
    "map.legend.cluster": ("Groep: klik om in te zoomen", "Group: click to zoom in"),
    "map.legend.border": ("Buurtgrens", "Neighbourhood border"),
    "map.cluster.title": ("{n} registraties: klik om in te zoomen", "{n} registrations: click to zoom in"),
    "map.fullscreen": ("Volledig scherm", "Full screen"),
    "map.fullscreen.exit": ("Volledig scherm sluiten", "Exit full screen"),
    "map.detail.heading": ("Over deze registratie", "About this registration"),
    "map.detail.empty": (
        "Klik op een icoon op de kaart. Of kies hieronder een registratie uit de lijst.",
        "Click an icon on the map. Or choose a registration from the list below.",
    ),
    "map.detail.choose": ("Kies een registratie", "Choose a registration"),
    "map.detail.choose.placeholder": ("Typ om te zoeken in de lijst", "Type to search the list"),
    "map.detail.choose.limited": (
        "De lijst toont de eerste {n}. Gebruik het zoekveld bij de filters om er minder te tonen.",
        "The list shows the first {n}. Use the search box in the filters to show fewer.",
    ),
    "map.detail.close": ("Sluiten", "Close"),
    "map.detail.toast": (
        "De gegevens staan naast de kaart. Op een telefoon staan ze onder de kaart.",
        "The details are next to the map. On a phone they are below the map.",
    ),
    "map.detail.not_found": (
        "Deze registratie staat niet (meer) in het register.",
        "This registration is not (or no longer) in the register.",
    ),
    "map.detail.filtered_out": (
        "Let op: deze registratie valt buiten de filters die u koos.",
        "Note: this registration does not match the filters you chose.",
    ),
    "map.detail.flags": ("Let op", "Attention"),
    "map.detail.id": ("Kenmerk", "Reference"),
    "map.detail.what": ("Wat is het?", "What is it?"),
    "map.detail.where": ("Waar?", "Where?"),
    "map.detail.why": ("Waarvoor?", "What for?"),
    "map.detail.data": ("Welke gegevens?", "Which data?"),
    "map.detail.personal": ("Persoonsgegevens?", "Personal data?"),
    "map.detail.personal.yes": (
        "Ja. Het verwerkt gegevens over mensen.", "Yes. It processes data about people."),
    "map.detail.personal.no": ("Nee.", "No."),
    "map.detail.biometric": (
        "Het verwerkt biometrische gegevens, zoals gezichten.",
        "It processes biometric data, such as faces.",
    ),
    "map.detail.legal": ("Op welke grond?", "On what legal basis?"),
    "map.detail.legal.article": ("AVG artikel 6 lid 1 onder {letter}", "GDPR article 6(1)({letter})"),
    "map.detail.legal_reference": ("Wet of besluit", "Law or decision"),
    "map.detail.owner": ("Van wie?", "Who owns it?"),
    "map.detail.contact": ("Contact", "Contact"),
    "map.detail.privacy": ("Privacyverklaring", "Privacy statement"),
    "map.detail.dpia": ("DPIA (privacytoets)", "DPIA (privacy impact assessment)"),
    "map.detail.dpia.yes": ("Ja, die is gedaan.", "Yes, it has been done."),
    "map.detail.dpia.no": ("Nee, niet gedaan.", "No, not done."),
    "map.detail.retention": ("Hoe lang bewaard?", "How long is data kept?"),
    "map.detail.retention.days": ("{n} dagen", "{n} days"),
    "map.detail.council": ("Besluit van de gemeenteraad", "Council decision"),
    "map.detail.algorithm": ("Algoritmeregister", "Algorithm register"),
    "map.detail.period": ("Wanneer actief?", "When active?"),
    "map.detail.period.both": ("Van {start} tot en met {end}", "From {start} to {end}"),
    "map.detail.period.from": ("Vanaf {start}", "From {start}"),
    "map.detail.period.until": ("Tot en met {end}", "Until {end}"),
    "map.detail.status": ("Status", "Status"),
    "map.detail.view": ("Kijkrichting", "Viewing direction"),
    "map.detail.view.text": (
        "{direction}° ({compass}), kijkhoek {fov}°, tot ongeveer {range} meter",
        "{direction}° ({compass}), field of view {fov}°, up to about {range} metres",
    ),
    "map.detail.last_checked": ("Laatst gecontroleerd", "Last checked"),
    "map.detail.source": ("Bron", "Source"),
    "map.detail.unknown": ("Niet opgegeven", "Not given"),
    "map.detail.link": ("{text} (opent in een nieuw tabblad)", "{text} (opens in a new tab)"),
    "map.detail.bad_link": (
        "{text} (geen geldige webadres, daarom geen link)", "{text} (not a valid web address, so no link)"),
    "map.compass": (
        "noord|noordoost|oost|zuidoost|zuid|zuidwest|west|noordwest",
        "north|north-east|east|south-east|south|south-west|west|north-west",
    ),
    "map.table.heading": ("Dezelfde registraties als tabel", "The same registrations as a table"),
    "map.table.help": (
        "Klik op een kolomkop om te sorteren. Zoeken in de tabel kan met het vergrootglas erboven.",
        "Click a column header to sort. Search the table with the magnifying glass above it.",
    ),
    "map.table.limited": (
        "De tabel toont de eerste {n} registraties. De downloads bevatten ze allemaal ({total}).",
        "The table shows the first {n} registrations. The downloads contain all of them ({total}).",
    ),
    "map.download.csv": ("Download als CSV", "Download as CSV"),
    "map.download.geojson": ("Download als GeoJSON", "Download as GeoJSON"),
    "map.download.help": (
        "CSV opent u in een spreadsheet. GeoJSON opent u in een kaartprogramma (GIS).",
        "Open CSV in a spreadsheet. Open GeoJSON in a map program (GIS).",
    ),
    "filters.heading": ("Filters", "Filters"),
    "filters.count": ("**{shown}** van {total} registraties", "**{shown}** of {total} registrations"),
    "filters.text": ("Zoeken", "Search"),
    "filters.text.help": (
        "Zoek in de naam, de uitleg, de eigenaar en het kenmerk. Meer woorden: alle woorden moeten erin staan.",
        "Search the name, description, owner and reference. More words: all words must match.",
    ),
    "filters.purpose": ("Doel", "Purpose"),
    "filters.data_types": ("Soort gegevens", "Data type"),
    "filters.legal_basis": ("Grondslag", "Legal basis"),
    "filters.sensor_type": ("Soort sensor", "Sensor type"),
    "filters.owner": ("Eigenaar", "Owner"),
    "filters.personal_data": ("Persoonsgegevens", "Personal data"),
    "filters.status": ("Status", "Status"),
    "filters.active_on": ("Actief op datum", "Active on date"),
    "filters.active_on.use": ("Alleen wat actief is op een datum", "Only what is active on a date"),
    "filters.neighbourhood": ("Buurt", "Neighbourhood"),
    "filters.flag": ("Voldoet niet aan principe", "Falls short of principle"),
    "filters.flag.help": (
        "Toon alleen registraties die niet voldoen aan de Principes voor de digitale samenleving, zoals op de "
        "pagina Beleid. Bij meer keuzes: registraties die aan minstens één ervan niet voldoen.",
        "Show only registrations that fall short of the Principles for the digital society, as on the Policy "
        "page. With more choices: registrations that fall short of at least one of them.",
    ),
    "filters.outside": ("Buiten alle buurten", "Outside every neighbourhood"),
    "filters.all": ("Alle", "All"),
    "filters.yes": ("Ja", "Yes"),
    "filters.no": ("Nee", "No"),
    "filters.option": ("{label} ({n})", "{label} ({n})"),
    "filters.reset": ("Alle filters wissen", "Clear all filters"),
    "filters.help": (
        "Tussen haakjes staat hoeveel registraties er overblijven als u die keuze erbij zet.",
        "The number in brackets shows how many registrations remain if you add that choice.",
    ),
}


def current_lang() -> str:
    """The language of this session: the `lang` widget, else the URL, else Dutch."""
    lang = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` in the session's language, with `{params}` filled in."""
    nl, en = STRINGS[key]
    text = nl if (lang or current_lang()) == "nl" else en
    return text.format(**params) if params else text


def fmt_number(value: float, lang: str | None = None, digits: int = 0) -> str:
    """A number as residents write it: 1.965 in Dutch, 1,965 in English."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale="nl_NL" if (lang or current_lang()) == "nl" else "en_GB")


def fmt_date(value: date | datetime, lang: str | None = None) -> str:
    """A date in words: 28 november 2026 / 28 November 2026."""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format="long", locale="nl_NL" if (lang or current_lang()) == "nl" else "en_GB")
