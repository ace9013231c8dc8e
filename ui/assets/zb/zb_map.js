/* Zichtbaar's map layers: registrations clustered in the browser (Supercluster), mobile sensors' areas,
 * camera view cones, and the map view written into the page address without rerunning the app.
 *
 * Text from the register is only ever put on the page escaped (esc) or as textContent, never as raw HTML.
 */
(function () {
  "use strict";

  var ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  // The one registrations layer on the map now (streamlit-folium swaps it on every filter change).
  var current = {layer: null, selected: null};

  // The Streamlit page around the map's frame: same origin, so its address can be read and updated.
  function pageUrl() {
    try {
      return new URL(window.parent.location.href);
    } catch (e) {
      return null;
    }
  }

  function coneLatLngs(lat, lon, direction, fov, range) {
    // A local flat-earth approximation: exact to centimetres over the tens of metres a camera sees,
    // and measured from true north (RD New's grid north differs by up to two degrees).
    var R = 6378137, deg = Math.PI / 180, steps = 12;
    var cosLat = Math.cos(lat * deg);
    var points = [[lat, lon]];
    for (var k = 0; k <= steps; k++) {
      var a = (direction - fov / 2 + (fov * k) / steps) * deg;
      points.push([lat + (range * Math.cos(a)) / R / deg, lon + (range * Math.sin(a)) / (R * cosLat) / deg]);
    }
    return points;
  }

  // Enter or Space on a focused icon does what a click does (Leaflet itself only opens a popup on Enter).
  function onActivate(marker, action) {
    marker.on("keypress keydown", function (e) {
      var key = e.originalEvent.key;
      if (key !== "Enter" && key !== " ") return;
      L.DomEvent.preventDefault(e.originalEvent);
      if (e.type === "keydown") action();
    });
  }

  // Supercluster's short count ("12.3k").
  function abbreviate(n) {
    return n >= 10000 ? Math.round(n / 1000) + "k" : n >= 1000 ? Math.round(n / 100) / 10 + "k" : String(n);
  }

  /* A large register is clustered on the server, one view at a time (geo/viewgrid.py): the data then hold
   * that view's clusters (c, [lat, lon, count]) and single icons (p), and the view they were made for (v).
   * This stands in for Supercluster, so that drawing, keyboard focus and cones stay one code path; a pan or
   * zoom reports the new view to Python (st_folium's bounds), which sends the next view's data. */
  function ServerIndex(data, points) {
    var c = data.c || [], items = [];
    for (var k = 0; k < c.length; k++) {
      items.push({type: "Feature", geometry: {type: "Point", coordinates: [c[k][1], c[k][0]]},
                  properties: {cluster: true, cluster_id: k, point_count: c[k][2],
                               point_count_abbreviated: abbreviate(c[k][2])}});
    }
    this.items = items.concat(points);
    this.zoom = data.v.z;
  }
  ServerIndex.prototype.getClusters = function () { return this.items; };
  ServerIndex.prototype.getClusterExpansionZoom = function () { return this.zoom + 2; };

  L.ZbRegistrations = L.FeatureGroup.extend({
    options: {
      types: [], shapes: [], icons: [], colors: [],
      clusterTitle: "{n}", radius: 60, clusterMaxZoom: 16, coneZoom: 16, iconSize: 30
    },

    initialize: function (data, options) {
      L.FeatureGroup.prototype.initialize.call(this, [], options);
      L.setOptions(this, options);
      this._data = data;
      this._points = L.featureGroup();
      this._areas = L.featureGroup();
      this._clusters = L.layerGroup();
      this._renderer = L.canvas({padding: 0.5});
      this._iconCache = {};
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      current.layer = this;
      map.addLayer(this._clusters);
      map.on("moveend", this._draw, this);
      var self = this;
      // Index and draw after this task: streamlit-folium binds its click handler to every layer on the
      // map right after adding this one, and cluster icons must zoom, not report a click to Python.
      setTimeout(function () {
        if (!self._map) return;
        self._index();
        self.addLayer(self._areas);
        self.addLayer(self._points);
        self._draw();
      }, 0);
    },

    onRemove: function (map) {
      map.off("moveend", this._draw, this);
      map.removeLayer(this._clusters);
      L.FeatureGroup.prototype.onRemove.call(this, map);
      // streamlit-folium keeps every replaced layer in window.feature_group; let the data go.
      this._data = null;
      this._index_ = null;
      this._shown = null;
      this._iconCache = {};
      if (current.layer === this) current.layer = null;
    },

    count: function () {
      return this._data ? this._data.p.length : 0;
    },

    _index: function () {
      var pts = this._data.p, feats = new Array(pts.length), seen = {};
      for (var i = 0; i < pts.length; i++) {
        var lat = pts[i][0], lon = pts[i][1], key = lat + "," + lon, k = seen[key] || 0;
        seen[key] = k + 1;
        if (k > 0) {
          // Registrations at exactly the same spot (one pole, several sensors) are set around it, about
          // 2 metres apart, so that each can be clicked once the clusters split; the details keep the spot.
          var angle = k * 2.4, dist = 0.00002 * Math.sqrt(k);
          lat += dist * Math.cos(angle);
          lon += (dist * Math.sin(angle)) / Math.cos((lat * Math.PI) / 180);
          pts[i] = [lat, lon].concat(pts[i].slice(2));
        }
        feats[i] = {type: "Feature", properties: {i: i}, geometry: {type: "Point", coordinates: [lon, lat]}};
      }
      // extent 256: the radius is in Leaflet's screen pixels (256-pixel tiles). Above clusterMaxZoom every
      // registration is drawn on its own.
      this._index_ = this._data.v ? new ServerIndex(this._data, feats) : new Supercluster({
        radius: this.options.radius, extent: 256, maxZoom: this.options.clusterMaxZoom
      }).load(feats);
      var areas = this._data.a || [];
      for (var j = 0; j < areas.length; j++) {
        var a = areas[j];
        var shape = L.geoJSON(a[3], {
          renderer: this._renderer,
          style: {color: this.options.colors[a[1]], weight: 2, dashArray: "6 4", fillOpacity: 0.08}
        });
        this._bind(shape, a[0], a[2]);
        this._areas.addLayer(shape);
      }
    },

    _label: function (t, id) {
      return this.options.types[t] + " \u00b7 " + id;
    },

    _bind: function (layer, t, id) {
      // Tooltip text is escaped here; streamlit-folium reads it back as text to tell Python what was clicked.
      layer.bindTooltip(esc(this._label(t, id)), {direction: "top", sticky: false});
      layer.zbId = id;
      var self = this;
      layer.on("click", function () {
        self._select(id);
        if (self._onPicked) self._onPicked(id);
      });
    },

    _icon: function (t, u, selected) {
      var key = t + "/" + u + (selected ? "/s" : "");
      var cached = this._iconCache[key];
      if (cached) return cached;
      var size = this.options.iconSize;
      var html = this.options.icons[t].replace("{c}", this.options.colors[u]);
      return (this._iconCache[key] = L.divIcon({
        className: "zb-marker zb-" + this.options.shapes[t] + (selected ? " zb-selected" : ""),
        html: html, iconSize: [size, size], iconAnchor: [size / 2, size / 2], tooltipAnchor: [0, -size / 2]
      }));
    },

    _pointMarker: function (i, latlng) {
      var d = this._data.p[i], label = this._label(d[2], d[4]);
      // autoPanOnFocus off: the map stays put while the keyboard goes from icon to icon (only icons in view
      // take the focus, see _draw); panning on focus drew new icons and sent the focus wandering off.
      var m = L.marker(latlng || [d[0], d[1]], {
        icon: this._icon(d[2], d[3], d[4] === current.selected), keyboard: true, riseOnHover: true,
        autoPanOnFocus: false
      });
      onActivate(m, function () { m.fire("click", {latlng: m.getLatLng()}, true); });
      // A name for screen readers; not `title`, which would show a second tooltip beside Leaflet's.
      m.on("add", function () { if (m._icon) m._icon.setAttribute("aria-label", label); });
      m.zbType = d[2];
      m.zbPurpose = d[3];
      this._bind(m, d[2], d[4]);
      return m;
    },

    _clusterMarker: function (c) {
      var n = c.properties.point_count, size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      var label = this.options.clusterTitle.replace("{n}", n.toLocaleString(this.options.locale || "nl-NL"));
      var m = L.marker([c.geometry.coordinates[1], c.geometry.coordinates[0]], {
        icon: L.divIcon({
          className: "zb-cluster", iconSize: [size, size],
          html: "<span aria-hidden=\"true\">" + esc(c.properties.point_count_abbreviated) + "</span>"
        }),
        title: label, keyboard: true, autoPanOnFocus: false
      });
      var self = this, id = c.properties.cluster_id, latlng = m.getLatLng();
      m.on("click", function () { self._expand(id, latlng); });
      onActivate(m, function () { self._expand(id, latlng); });
      return m;
    },

    _expand: function (clusterId, latlng) {
      var map = this._map;
      map.setView(latlng, Math.min(this._index_.getClusterExpansionZoom(clusterId), map.getMaxZoom()));
    },

    _draw: function () {
      if (!this._index_ || !this._map) return;
      var map = this._map, z = map.getZoom(), b = map.getBounds().pad(0.25);
      var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
      var items = this._index_.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], z);
      // Keep what is still shown and add or remove only the difference: an icon that stays keeps its element,
      // so keyboard focus on it survives a pan (focusing an icon near the edge pans the map; redrawing
      // everything then dropped the focus and Tab started over at the first icon: a keyboard trap).
      var before = this._shown || {}, now = {}, pts = this._data.p, key, k;
      for (k = 0; k < items.length; k++) {
        var it = items[k];
        if (it.properties.cluster) {
          key = "c" + it.properties.cluster_id;
          if (before[key]) {
            now[key] = before[key];
          } else {
            var cluster = this._clusterMarker(it);
            this._clusters.addLayer(cluster);
            now[key] = [cluster];
          }
          continue;
        }
        var i = it.properties.i, d = pts[i], cone = d.length > 5 && z >= this.options.coneZoom;
        key = "p" + i + (cone ? "c" : "");
        if (before[key]) {
          now[key] = before[key];
          continue;
        }
        var layers = [];
        if (cone) {
          var shape = L.polygon(coneLatLngs(d[0], d[1], d[5], d[6], d[7]), {
            renderer: this._renderer, color: this.options.colors[d[3]], weight: 1, fillOpacity: 0.18
          });
          this._bind(shape, d[2], d[4]);
          this._points.addLayer(shape);
          layers.push(shape);
        }
        var marker = this._pointMarker(i);
        this._points.addLayer(marker);
        layers.push(marker);
        now[key] = layers;
      }
      for (key in before) {
        if (!now[key]) {
          for (k = 0; k < before[key].length; k++) {
            var layer = before[key][k];
            (key.charAt(0) === "c" ? this._clusters : this._points).removeLayer(layer);
          }
        }
      }
      // Only what is in view takes the keyboard focus (the rest is drawn ahead for panning): Tab goes through
      // the icons the visitor sees and then leaves the map.
      var view = map.getBounds();
      for (key in now) {
        var icon = now[key][now[key].length - 1];
        if (icon._icon) icon._icon.tabIndex = view.contains(icon.getLatLng()) ? 0 : -1;
      }
      this._shown = now;
      // n: how many registrations the drawing stands for (on the server's clusters: their counts and the icons
      // in view.b, the padded view they were made for).
      var v = this._data.v;
      window.zbDrawn = {n: v ? v.n : pts.length, shown: items.length, zoom: z, at: performance.now(),
                        view: v ? {b: v.b, z: v.z} : null};
    },

    _select: function (id) {
      current.selected = id;
      var self = this;
      this._points.eachLayer(function (m) {
        if (m.zbType === undefined) return;
        // Swap the class, not the icon: setIcon would replace the element and lose the keyboard focus.
        var selected = m.zbId === id;
        m.options.icon = self._icon(m.zbType, m.zbPurpose, selected);
        if (m._icon) {
          if (selected) L.DomUtil.addClass(m._icon, "zb-selected");
          else L.DomUtil.removeClass(m._icon, "zb-selected");
        }
      });
    }
  });

  L.zbRegistrations = function (data, options) {
    return new L.ZbRegistrations(data, options);
  };

  /* Cards beside the map (near-me): a click on an icon brings its card into view and marks it; a card's
   * "show on the map" button centres the map on its icon and chooses it. Both without a rerun of the app. */
  L.zbCards = function (map, options) {
    var doc = null;
    try { doc = window.parent.document; } catch (e) { return; }
    var selector = options.selector || ".zb-card";

    function mark(id) {
      var cards = doc.querySelectorAll(selector);
      var found = null;
      for (var i = 0; i < cards.length; i++) {
        var on = cards[i].getAttribute("data-id") === id;
        cards[i].classList.toggle("zb-card-active", on);
        if (on) found = cards[i];
      }
      return found;
    }

    map.on("click", function () { mark(null); });
    // The layer tells us about a click on an icon (its _select); follow it to the card.
    L.ZbRegistrations.prototype._onPicked = function (id) {
      var card = mark(id);
      if (card) card.scrollIntoView({behavior: "smooth", block: "nearest"});
    };

    // One listener on the page, replaced when the map is drawn again.
    var win = window.parent;
    if (win.__zbCardClick) doc.removeEventListener("click", win.__zbCardClick, true);
    win.__zbCardClick = function (e) {
      var button = e.target && e.target.closest ? e.target.closest("[data-zb-show]") : null;
      if (!button) return;
      e.preventDefault();
      var id = button.getAttribute("data-zb-show");
      var layer = current.layer;
      if (!layer || !layer._data) return;
      var pts = layer._data.p;
      for (var i = 0; i < pts.length; i++) {
        if (pts[i][4] === id) {
          map.setView([pts[i][0], pts[i][1]], Math.max(map.getZoom(), options.zoom || 17));
          layer._select(id);
          mark(id);
          try { window.frameElement.scrollIntoView({behavior: "smooth", block: "nearest"}); } catch (err) { /* */ }
          return;
        }
      }
    };
    doc.addEventListener("click", win.__zbCardClick, true);
  };

  /* Keeps lat, lon, z and base in the page address as the visitor pans, zooms and picks a base map,
   * without a rerun of the app; and picks up the selected registration (sel) that Python wrote there.
   * Python rewrites the address whenever a filter changes, so the view is written again every second. */
  L.zbUrlSync = function (map, options) {
    var state = {view: null, base: null, sel: undefined};
    var first = pageUrl();
    if (first && first.searchParams.has("lat")) state.view = viewOf(map);

    function viewOf(m) {
      var c = m.getCenter();
      return {lat: c.lat.toFixed(6), lon: c.lng.toFixed(6), z: String(m.getZoom())};
    }

    function write() {
      var url = pageUrl();
      if (!url) return;
      var before = url.search;
      if (state.view) {
        url.searchParams.set("lat", state.view.lat);
        url.searchParams.set("lon", state.view.lon);
        url.searchParams.set("z", state.view.z);
      }
      if (state.base) {
        if (state.base === options.defaultBase) url.searchParams.delete("base");
        else url.searchParams.set("base", state.base);
      }
      if (url.search !== before) {
        try {
          window.parent.history.replaceState(window.parent.history.state, "", url.href);
        } catch (e) { /* the address cannot be written: the view is just not shared */ }
      }
      // Follow a selection Python made (the list beside the map); a click selects at once by itself.
      var sel = url.searchParams.get("sel");
      if (sel !== state.sel) {
        state.sel = sel;
        if (current.layer) current.layer._select(sel);
        else current.selected = sel;
      }
    }

    map.on("moveend", function () {
      state.view = viewOf(map);
      write();
    });
    map.on("baselayerchange", function (e) {
      var code = options.baseCodes[e.name];
      if (code) {
        state.base = code;
        write();
      }
    });
    window.setInterval(write, 1000);
  };

  /* Keyboard help for the map: a link before it, shown when it has the focus, that moves the focus to whatever
   * follows the map's frame on the page (past every icon in one keystroke, WCAG 2.4.1); and the map's frame
   * scrolled into sight when something on the map takes the focus, so that the focus is never below the fold. */
  L.zbKeyboard = function (map, text) {
    var container = map.getContainer(), pressed = false;
    // Only a keyboard's focus: a press of the mouse or a finger is already where the visitor looks, and scrolling
    // then moved another neighbourhood under the pointer before the release (the click was lost).
    ["mousedown", "touchstart", "pointerdown"].forEach(function (type) {
      container.addEventListener(type, function () { pressed = true; }, true);
    });
    ["mouseup", "touchend", "pointerup", "keydown"].forEach(function (type) {
      container.addEventListener(type, function () { setTimeout(function () { pressed = false; }, 0); }, true);
    });
    L.DomEvent.on(container, "focusin", function () {
      if (pressed) return;
      try {
        var frame = window.frameElement, r = frame && frame.getBoundingClientRect();
        if (r && (r.top < 0 || r.bottom > window.parent.innerHeight)) frame.scrollIntoView({block: "nearest"});
      } catch (err) { /* not in a same-origin frame: nothing to scroll */ }
    });
    var link = L.DomUtil.create("a", "zb-skip");
    link.href = "#";
    link.textContent = text;
    container.parentNode.insertBefore(link, container);
    L.DomEvent.on(link, "click", function (e) {
      L.DomEvent.preventDefault(e);
      var frame = null, doc = null;
      try {
        frame = window.frameElement;
        doc = window.parent.document;
      } catch (err) { /* not in a same-origin frame */ }
      if (!frame || !doc) {
        link.blur();
        return;
      }
      var focusable = doc.querySelectorAll(
        "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), " +
        "iframe, [tabindex]:not([tabindex='-1'])");
      for (var i = 0; i < focusable.length; i++) {
        var el = focusable[i];
        if (el !== frame && !frame.contains(el) && el.getClientRects().length &&
            (frame.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) {
          el.focus();
          return;
        }
      }
      link.blur();
    });
    return link;
  };

  /* The legend: Python builds its HTML with every label escaped; it opens by default on wide maps. */
  L.zbLegend = function (map, html, title) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var box = L.DomUtil.create("details", "zb-legend");
      box.innerHTML = html;
      var summary = L.DomUtil.create("summary", "", box);
      summary.textContent = title;
      box.insertBefore(summary, box.firstChild);
      box.open = map.getSize().x >= 700;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control.addTo(map);
  };
})();

/* Neighbourhood names written on the overview map, when few enough are in view to be read (a city of 30 at
 * once; a city of 500 once zoomed in). Plain text, never markup; they let every click through. */
(function () {
  "use strict";
  var MAX_NAMES = 40;

  L.zbNames = function (layer) {
    var names = L.layerGroup(), map = null;
    layer.eachLayer(function (shape) {
      var p = shape.feature && shape.feature.properties;
      if (!p || !p.n || !p.p) return;
      var label = document.createElement("span");
      label.textContent = p.n;
      var marker = L.marker(p.p, {icon: L.divIcon({className: "zb-nb-label", html: label, iconSize: null}),
                                  interactive: false, keyboard: false});
      marker.zbShape = shape;
      names.addLayer(marker);
    });
    // A name only where its neighbourhood is wide enough on screen to hold it: no names over each other.
    function fits(marker) {
      var b = marker.zbShape.getBounds();
      var width = map.latLngToLayerPoint(b.getNorthEast()).x - map.latLngToLayerPoint(b.getSouthWest()).x;
      var el = marker.getElement(), span = el && el.firstChild;
      return span ? width >= span.offsetWidth + 6 : false;
    }
    function update() {
      if (!map) return;
      var view = map.getBounds(), shown = 0;
      names.eachLayer(function (m) { if (view.contains(m.getLatLng())) shown++; });
      if (shown > MAX_NAMES) { map.removeLayer(names); return; }
      names.addTo(map);
      names.eachLayer(function (m) {
        var el = m.getElement();
        if (el) el.style.visibility = fits(m) ? "" : "hidden";
      });
    }
    // The layer reaches the map through the page's group, after this runs: start once it is there.
    layer.on("add", function () {
      map = layer._map;
      map.on("zoomend moveend resize", update);
      // Now, and again when the frame has its size and the fonts are in (a name's width depends on both).
      setTimeout(update, 0);
      setTimeout(update, 400);
      if (document.fonts && document.fonts.ready) document.fonts.ready.then(update);
    });
    layer.on("remove", function () {
      if (!map) return;
      map.removeLayer(names);
      map.off("zoomend moveend resize", update);
      map = null;
    });
    return names;
  };
})();

/* How the map's frame sits in the page: filling the window below what comes before it, fitted to the real size,
 * moved with two fingers on a touch screen, and passing a presenter's keys on to the page. */
(function () {
  "use strict";

  function frameAndPage() {
    try {
      return {frame: window.frameElement, win: window.parent, doc: window.parent.document};
    } catch (e) {
      return {frame: null, win: null, doc: null};
    }
  }

  L.zbFrame = function (map, options) {
    var host = frameAndPage(), container = map.getContainer();
    // Whether the address names a view, read before anything here moves the map (L.zbUrlSync then writes one).
    var asked = null;
    try { asked = new URL(host.win.location.href).searchParams.has("lat"); } catch (e) { asked = false; }

    // A layer marked zbFit (a neighbourhood's outline) is fitted on the map's real size whenever it is added,
    // also when the page swaps it for the next one, and again when the frame's size changes, until the visitor
    // moves the map themselves.
    var fitLayer = null, touched = false;
    function fitToLayer() {
      if (!fitLayer || touched || !map.hasLayer(fitLayer)) return;
      var bounds = fitLayer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, {animate: false, padding: [20, 20], maxZoom: 18});
    }
    map.on("layeradd", function (e) {
      if (e.layer && e.layer.options && e.layer.options.zbFit && e.layer.getBounds) {
        fitLayer = e.layer;
        touched = false;
        setTimeout(fitToLayer, 0);  // after the page's own setView, in the same turn
      }
    });
    map.on("mousedown touchstart wheel", function () { touched = true; });

    // Fill: the frame takes the window's height below its own top; the map takes the frame's.
    function size() {
      if (options.fill && host.frame && host.win) {
        var top = host.frame.getBoundingClientRect().top + host.win.scrollY;
        var wanted = Math.max(options.minHeight || 320, host.win.innerHeight - top - (options.bottom || 8));
        // On a phone a map that shares the page with a list takes part of the window, not all of it.
        if (options.phoneShare && host.win.innerWidth < 641) {
          wanted = Math.max(options.minHeight || 280, Math.round(host.win.innerHeight * options.phoneShare));
        }
        host.frame.classList.add("zb-fill");
        host.frame.style.setProperty("--zb-fill", wanted + "px");
        container.style.height = wanted + "px";
      }
      // Keep the centre where it was (a shared link's lat and lon), not the top-left corner.
      var centre = map.getCenter(), zoom = map.getZoom();
      map.invalidateSize({pan: false});
      map.setView(centre, zoom, {animate: false});
      fitToLayer();
    }
    if (options.fill) {
      size();
      if (host.win) host.win.addEventListener("resize", size);
      window.addEventListener("resize", function () { map.invalidateSize({pan: false}); });
    }

    // Fitted to the size the map really has, unless the address already says where to look; once more when the
    // frame has its final size, as long as the visitor has not moved the map.
    if (options.fit) {
      var moved = false;
      if (!asked) {
        var fit = function () {
          if (moved) return;
          size();
          map.fitBounds(options.fit, {animate: false, maxZoom: options.fitMaxZoom || 17});
        };
        fit();
        setTimeout(fit, 0);
        setTimeout(fit, 400);
        map.once("dragstart zoomstart", function (e) { if (e && e.originalEvent) moved = true; });
        map.on("mousedown touchstart keydown", function () { moved = true; });
      }
    }
    if (options.scale) L.control.scale({imperial: false, position: "bottomleft"}).addTo(map);
    if (options.cards) L.zbCards(map, options.cards);

    // Touch: one finger scrolls the page past the map, two fingers move and zoom it.
    // A press on the map gives it the focus without scrolling the page: Leaflet focuses the map on mousedown, and
    // the page then scrolled a map that reaches below the window, so the release landed on another neighbourhood
    // and the click was lost.
    container.addEventListener("mousedown", function () {
      if (document.activeElement !== container) {
        try { container.focus({preventScroll: true}); } catch (e) { /* an old browser: Leaflet focuses it */ }
      }
    }, true);

    // Only where the main pointer is a finger: Leaflet calls every browser with pointer events "touch", and a
    // desktop mouse must keep dragging the map.
    var finger = window.matchMedia ? window.matchMedia("(pointer: coarse)").matches : L.Browser.mobile;
    if (options.touchHint && finger) {
      map.dragging.disable();
      var hint = L.DomUtil.create("div", "zb-touch-hint", container);
      hint.textContent = options.touchHint;
      hint.setAttribute("aria-hidden", "true");
      var timer = null;
      L.DomEvent.on(container, "touchmove", function (e) {
        if (e.touches && e.touches.length === 1) {
          L.DomUtil.addClass(hint, "zb-show");
          clearTimeout(timer);
          timer = setTimeout(function () { L.DomUtil.removeClass(hint, "zb-show"); }, 1200);
        } else {
          L.DomUtil.removeClass(hint, "zb-show");
        }
      });
    }

    // Keys a presenter's clicker sends reach the page, whatever has the focus (a click in the map gives it).
    // Both the press and the release: the page's shortcuts keep track of which keys are down, and a key that
    // never comes up would spoil the next one.
    if (options.keys && host.doc) {
      var forward = function (e) {
        if (options.keys.indexOf(e.key) < 0) return;
        e.preventDefault();
        var copy = new KeyboardEvent(e.type, {key: e.key, code: e.code, keyCode: e.keyCode, which: e.which,
                                              bubbles: true, cancelable: true});
        (host.doc.activeElement && host.doc.activeElement !== host.frame ? host.doc.activeElement : host.doc.body)
          .dispatchEvent(copy);
      };
      window.addEventListener("keydown", forward, true);
      window.addEventListener("keyup", forward, true);
    }
    return map;
  };
})();
