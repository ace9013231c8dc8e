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
      this._index_ = new Supercluster({
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
      layer.on("click", function () { self._select(id); });
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
      var m = L.marker(latlng || [d[0], d[1]], {
        icon: this._icon(d[2], d[3], d[4] === current.selected), keyboard: true, riseOnHover: true
      });
      // A name for screen readers; not `title`, which would show a second tooltip beside Leaflet's.
      m.on("add", function () { if (m._icon) m._icon.setAttribute("aria-label", label); });
      m.zbType = d[2];
      m.zbPurpose = d[3];
      this._bind(m, d[2], d[4]);
      return m;
    },

    _clusterMarker: function (c) {
      var n = c.properties.point_count, size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      var label = this.options.clusterTitle.replace("{n}", n.toLocaleString("nl-NL"));
      var m = L.marker([c.geometry.coordinates[1], c.geometry.coordinates[0]], {
        icon: L.divIcon({
          className: "zb-cluster", iconSize: [size, size],
          html: "<span aria-hidden=\"true\">" + esc(c.properties.point_count_abbreviated) + "</span>"
        }),
        title: label, keyboard: true
      });
      var self = this, id = c.properties.cluster_id, latlng = m.getLatLng();
      m.on("click", function () { self._expand(id, latlng); });
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
      this._points.clearLayers();
      this._clusters.clearLayers();
      var pts = this._data.p;
      for (var k = 0; k < items.length; k++) {
        var it = items[k];
        if (it.properties.cluster) {
          this._clusters.addLayer(this._clusterMarker(it));
          continue;
        }
        var i = it.properties.i, d = pts[i];
        if (d.length > 5 && z >= this.options.coneZoom) {
          var cone = L.polygon(coneLatLngs(d[0], d[1], d[5], d[6], d[7]), {
            renderer: this._renderer, color: this.options.colors[d[3]], weight: 1, fillOpacity: 0.18
          });
          this._bind(cone, d[2], d[4]);
          this._points.addLayer(cone);
        }
        this._points.addLayer(this._pointMarker(i));
      }
      window.zbDrawn = {n: pts.length, shown: items.length, zoom: z, at: performance.now()};
    },

    _select: function (id) {
      current.selected = id;
      var self = this;
      this._points.eachLayer(function (m) {
        if (m.zbType === undefined) return;
        m.setIcon(self._icon(m.zbType, m.zbPurpose, m.zbId === id));
        if (m._icon) m._icon.setAttribute("aria-label", self._label(m.zbType, m.zbId));
      });
    }
  });

  L.zbRegistrations = function (data, options) {
    return new L.ZbRegistrations(data, options);
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
