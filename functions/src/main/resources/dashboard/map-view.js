// The Leaflet map: the fleet as the server draws it for the visible box (clusters with their
// counts where devices are dense, single devices where sparse), or one device's track with its events.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { eventLabel, eventName, time, withUnit } from './format.js';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const WORLD = [[35, -10], [70, 40]];
/** Web Mercator ends here: the map shows nothing further north or south. */
const MAX_LAT = 85.05;
const WORLD_BOX = [-180, -MAX_LAT, 180, MAX_LAT];
const MAX_ZOOM = 20;
/** Names are drawn beside the markers from this zoom on, or when only a few devices are in view. */
const LABEL_ZOOM = 13;
const FEW_DEVICES = 25;
/** Pins spread over fewer pixels than this after a click into a cluster are a heap: the map zooms to them. */
const HEAP_PX = 48;
/** Pause after the user stops moving the map before its new box is asked for. */
const MOVE_SETTLE_MS = 250;
/** Most fleet/map requests the first fit makes while it narrows down on a dense fleet. */
const FIT_STEPS = 6;

/** The tile URL template: ?tiles= wins over the page's <meta name="fleetwire-tiles">; "none" means no tiles. */
export function tileSource() {
  const fromQuery = new URLSearchParams(location.search).get('tiles');
  const meta = document.querySelector('meta[name="fleetwire-tiles"]');
  const attribution = document.querySelector('meta[name="fleetwire-tiles-attribution"]');
  const url = (fromQuery || (meta && meta.content) || DEFAULT_TILES).trim();
  return {
    url: url === 'none' || url === '' ? null : url,
    attribution: attribution ? attribution.content : '',
  };
}

function escape(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

/**
 * The box the server is asked about for these map bounds: [west, south, east, north] clamped to
 * the world, the whole world when the view is wider than it.
 */
export function viewBox(bounds) {
  const west = bounds.getWest();
  const east = bounds.getEast();
  if (east - west >= 360) {
    return WORLD_BOX.slice();
  }
  return clampBox([west, bounds.getSouth(), east, bounds.getNorth()]);
}

function clampBox([west, south, east, north]) {
  const lon = (value) => Math.min(180, Math.max(-180, value));
  const lat = (value) => Math.min(MAX_LAT, Math.max(-MAX_LAT, value));
  return [lon(west), lat(south), lon(east), lat(north)];
}

/** A cluster's count as its bubble reads: 950, 1.2k, 12k. */
export function countLabel(count) {
  if (count < 1000) {
    return String(count);
  }
  return count < 10000 ? `${(count / 1000).toFixed(1)}k` : `${Math.round(count / 1000)}k`;
}

/** A bubble's diameter in pixels: it grows with the count, slowly. */
function bubbleSize(count) {
  return Math.round(26 + 10 * Math.log10(Math.max(1, count)));
}

/** A measured position: coordinates the device had a fix for. */
function hasFix(record) {
  return record && typeof record.lat === 'number' && typeof record.lon === 'number' && record.valid !== false;
}

export class FleetMap {
  /**
   * {@code loadView(box, zoom)}: the server's picture of a box at a zoom (the fleet/map answer);
   * {@code onSelect(imei)}: a device marker was clicked.
   */
  constructor(element, note, onSelect, loadView) {
    this.element = element;
    this.note = note;
    this.onSelect = onSelect;
    this.loadView = loadView;
    this.map = L.map(element, { zoomSnap: 0.5, attributionControl: true, worldCopyJump: true, maxZoom: 19 });
    this.map.fitBounds(WORLD);
    // without tiles the scale is what tells a street from a country
    L.control.scale({ imperial: false, maxWidth: 140 }).addTo(this.map);
    this.fleetLayer = L.layerGroup().addTo(this.map);
    this.trackLayer = L.layerGroup();
    this.markers = new Map();
    this.clusters = [];
    this.selected = null;
    this.mode = 'fleet';
    this.fitted = false;
    this.fitting = null;
    this.zoomingIn = false;
    this.viewId = 0;
    this.settle = null;
    element.dataset.state = 'loading';
    element.dataset.views = '0';
    this.map.on('moveend', () => this.viewMoved());
    // a user who moved the map before the fleet could be fitted keeps the view they chose
    this.map.on('dragstart', () => {
      this.fitted = true;
    });
    this.addTiles(tileSource());
  }

  /**
   * Tiles are added only after one probe tile loads: with no tile server reachable the map stays
   * a plain background, costs one failed request instead of one per tile, and says so.
   */
  addTiles(source) {
    if (!source.url) {
      this.element.dataset.tiles = 'none';
      return;
    }
    const probe = new Image();
    probe.onload = () => {
      L.tileLayer(source.url, { maxZoom: 19, attribution: source.attribution }).addTo(this.map);
      this.element.dataset.tiles = 'on';
    };
    probe.onerror = () => {
      this.element.dataset.tiles = 'unavailable';
      this.note.textContent = 'Map tiles unavailable — positions are drawn on a plain background.';
      this.note.hidden = false;
    };
    probe.src = source.url.replace('{s}', 'a').replace('{z}', '0').replace('{x}', '0').replace('{y}', '0')
      .replace('{r}', '');
  }

  resize() {
    this.map.invalidateSize();
  }

  /** Back to the fleet: the track gives way to the fleet layer, and the view is brought up to date. */
  showFleet() {
    this.mode = 'fleet';
    this.map.removeLayer(this.trackLayer);
    this.fleetLayer.addTo(this.map);
    return this.refresh();
  }

  /** The fleet in the current view again (the first time: fitted to the whole fleet). */
  refresh() {
    if (this.mode !== 'fleet') {
      return Promise.resolve();
    }
    return this.fitted ? this.refreshView() : this.fitFleet();
  }

  viewMoved() {
    if (this.mode !== 'fleet' || this.fitting) {
      return;
    }
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.refreshView().catch(() => {}), MOVE_SETTLE_MS);
  }

  /** Asks the server about the visible box and draws its answer; an answer overtaken by a newer request is dropped. */
  async refreshView() {
    const id = ++this.viewId;
    const zoom = Math.min(MAX_ZOOM, Math.max(0, Math.round(this.map.getZoom())));
    const box = viewBox(this.map.getBounds());
    let answer;
    try {
      answer = await this.loadView(box, zoom);
    } catch (error) {
      if (id === this.viewId) {
        this.element.dataset.state = 'error';
      }
      throw error;
    }
    if (id !== this.viewId || this.mode !== 'fleet') {
      return;
    }
    const zoomedIn = this.zoomingIn;
    this.zoomingIn = false;
    if (zoomedIn && answer.clusters.length === 0 && this.spreadHeap(answer.devices)) {
      return;
    }
    this.draw(answer, zoom);
    this.element.dataset.zoom = String(zoom);
    this.element.dataset.state = 'ready';
    this.element.dataset.views = String(Number(this.element.dataset.views) + 1);
  }

  /**
   * Fits the map to the fleet once. The whole world is asked first; where it comes back as a few
   * dense clusters, the box around them is asked again (finer cells), until the answer spreads
   * over the box or holds single devices, so a fleet in one city is fitted to the city.
   */
  fitFleet() {
    if (!this.fitting) {
      this.fitting = this.narrowToFleet().catch((error) => {
        this.element.dataset.state = 'error';
        throw error;
      }).finally(() => {
        this.fitting = null;
      });
    }
    return this.fitting.then(() => this.refreshView());
  }

  async narrowToFleet() {
    let box = WORLD_BOX;
    for (let step = 1; step <= FIT_STEPS; step++) {
      const answer = await this.loadView(box, MAX_ZOOM);
      const points = answer.clusters.concat(answer.devices).map((item) => [item.lat, item.lon]);
      if (points.length === 0 || this.fitted) {
        return;
      }
      const bounds = L.latLngBounds(points);
      const width = box[2] - box[0];
      const height = box[3] - box[1];
      const spread = Math.max((bounds.getEast() - bounds.getWest()) / width,
        (bounds.getNorth() - bounds.getSouth()) / height);
      if (answer.clusters.length === 0 || spread >= 1 / 3 || step === FIT_STEPS) {
        this.map.invalidateSize();
        this.fitTo(points);
        this.fitted = true;
        return;
      }
      box = clampBox([bounds.getWest() - width / 6, bounds.getSouth() - height / 6,
        bounds.getEast() + width / 6, bounds.getNorth() + height / 6]);
    }
  }

  zoomInto(position) {
    this.zoomingIn = true;
    this.map.setView(position, Math.min(this.map.getMaxZoom(), Math.round(this.map.getZoom()) + 2));
  }

  /**
   * After a click into a cluster: when the view came back as single devices still heaped on a few
   * pixels (a depot, a car park), the zoom goes on to them, as the click asked to see them.
   */
  spreadHeap(devices) {
    const points = devices.map((device) => this.map.latLngToContainerPoint([device.lat, device.lon]));
    const bounds = L.bounds(points);
    const size = bounds.getSize();
    if (points.length > 1 && size.x < HEAP_PX && size.y < HEAP_PX) {
      this.map.fitBounds(L.latLngBounds(devices.map((device) => [device.lat, device.lon])).pad(0.2),
        { maxZoom: 17, animate: false });
      return true;
    }
    return false;
  }

  /** One fleet/map answer: markers are moved and restyled in place, never redrawn, so nothing flickers. */
  draw({ clusters, devices }, zoom) {
    const labelled = zoom >= LABEL_ZOOM || (clusters.length === 0 && devices.length <= FEW_DEVICES);
    this.element.classList.toggle('labelled', labelled);
    this.drawDevices(devices);
    this.drawClusters(clusters);
  }

  drawDevices(devices) {
    const seen = new Set();
    for (const device of devices) {
      seen.add(device.imei);
      let marker = this.markers.get(device.imei);
      if (!marker) {
        marker = this.addMarker(() => this.onSelect(device.imei));
        this.markers.set(device.imei, marker);
      }
      this.place(marker, [device.lat, device.lon], this.deviceIcon(device), {
        imei: device.imei, lat: String(device.lat), lon: String(device.lon), label: device.name || device.imei,
      });
    }
    for (const [imei, marker] of this.markers) {
      if (!seen.has(imei)) {
        this.fleetLayer.removeLayer(marker);
        this.markers.delete(imei);
      }
    }
    this.element.dataset.markerCount = String(this.markers.size);
  }

  /**
   * Cells the server clustered apart can lie on top of each other on screen (a city astride a cell
   * border): those are drawn as one bubble with their summed count, at their weighted centre.
   */
  mergeOverlapping(clusters) {
    const bubbles = [];
    for (const cluster of [...clusters].sort((a, b) => b.count - a.count)) {
      const point = this.map.latLngToContainerPoint([cluster.lat, cluster.lon]);
      const near = bubbles.find((bubble) =>
        bubble.point.distanceTo(point) < (bubbleSize(bubble.count) + bubbleSize(cluster.count)) / 2);
      if (near) {
        const count = near.count + cluster.count;
        near.lat = (near.lat * near.count + cluster.lat * cluster.count) / count;
        near.lon = (near.lon * near.count + cluster.lon * cluster.count) / count;
        near.count = count;
      } else {
        bubbles.push({ lat: cluster.lat, lon: cluster.lon, count: cluster.count, point });
      }
    }
    return bubbles;
  }

  /** Clusters have no identity of their own: the bubbles already drawn are reused in order. */
  drawClusters(cells) {
    const clusters = this.mergeOverlapping(cells);
    clusters.forEach((cluster, index) => {
      let marker = this.clusters[index];
      if (!marker) {
        // a click zooms in on the bubble wherever it is by then
        marker = this.addMarker(() => this.zoomInto(marker.getLatLng()));
        this.clusters.push(marker);
      }
      this.place(marker, [cluster.lat, cluster.lon], this.clusterIcon(cluster.count), {
        count: String(cluster.count), label: `${cluster.count} devices: zoom in`,
      });
    });
    for (const marker of this.clusters.splice(clusters.length)) {
      this.fleetLayer.removeLayer(marker);
    }
    this.element.dataset.clusterCount = String(this.clusters.length);
    this.element.dataset.clusteredDevices = String(clusters.reduce((sum, cluster) => sum + cluster.count, 0));
  }

  /** A marker on the fleet layer, placed by {@link #place}. */
  addMarker(onClick) {
    const marker = L.marker([0, 0], { keyboard: true, riseOnHover: true });
    marker.hooks = {};
    marker.on('click', onClick);
    // the layer comes back after a device's track with new elements: they get the hooks again
    marker.on('add', () => this.tag(marker));
    return marker;
  }

  /**
   * Moves and restyles a marker in place, and writes the page's hooks ({@code data-*}, and the
   * label read out for it) on its element. An unchanged icon is left alone: replacing it under the
   * pointer would swallow a click.
   */
  place(marker, position, icon, hooks) {
    if (!marker.getLatLng().equals(position)) {
      marker.setLatLng(position);
    }
    const current = marker.getIcon().options;
    if (icon.options.html !== current.html || icon.options.className !== current.className) {
      marker.setIcon(icon);
    }
    marker.hooks = hooks;
    if (!this.fleetLayer.hasLayer(marker)) {
      marker.addTo(this.fleetLayer);
    }
    this.tag(marker);
  }

  tag(marker) {
    const element = marker.getElement();
    if (!element) {
      return;
    }
    for (const [name, value] of Object.entries(marker.hooks)) {
      if (name === 'label') {
        element.setAttribute('aria-label', value);
      } else {
        element.dataset[name] = value;
      }
    }
  }

  deviceIcon(device) {
    const moving = device.online && device.speed > 0;
    const state = device.online ? 'online' : 'offline';
    const selected = device.imei === this.selected ? ' selected' : '';
    const heading = moving ? `<span class="pin-heading" style="transform: rotate(${device.angle}deg)"></span>` : '';
    return L.divIcon({
      className: `pin ${state}${moving ? ' moving' : ''}${selected}`,
      html: `${heading}<span class="pin-dot"></span><span class="pin-label">${escape(device.name || device.imei)}</span>`,
      iconSize: [16, 16],
      iconAnchor: [8, 8],
    });
  }

  clusterIcon(count) {
    const size = bubbleSize(count);
    const band = count < 100 ? 'few' : count < 1000 ? 'many' : 'most';
    return L.divIcon({
      className: `cluster ${band}`,
      html: `<span>${countLabel(count)}</span>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
  }

  highlight(imei) {
    this.selected = imei;
    for (const [key, marker] of this.markers) {
      marker.getElement()?.classList.toggle('selected', key === imei);
    }
  }

  showTrack(records, events) {
    this.mode = 'track';
    this.viewId++;
    this.map.removeLayer(this.fleetLayer);
    this.trackLayer.clearLayers();
    this.trackLayer.addTo(this.map);
    const points = records.filter(hasFix).map((record) => [record.lat, record.lon]);
    this.element.dataset.trackPoints = String(points.length);
    const located = events.filter(hasFix);
    this.element.dataset.eventMarkers = String(located.length);
    if (points.length > 0) {
      L.polyline(points, { color: '#0f766e', weight: 4, opacity: 0.85 }).addTo(this.trackLayer);
      this.endpoint(points[0], 'start', 'Start', records.find(hasFix));
      this.endpoint(points[points.length - 1], 'end', 'End', [...records].reverse().find(hasFix));
    }
    for (const event of located) {
      const name = eventName(event);
      L.marker([event.lat, event.lon], {
        icon: L.divIcon({ className: `event-pin ${name}`, html: '!', iconSize: [20, 20], iconAnchor: [10, 10] }),
        zIndexOffset: 1000,
      }).bindTooltip(`${escape(eventLabel(name))}<br>${time(event.ts)}`, { direction: 'top' })
        .addTo(this.trackLayer);
    }
    const all = points.concat(located.map((event) => [event.lat, event.lon]));
    if (all.length > 0) {
      this.fitTo(all);
    }
  }

  endpoint(position, kind, label, record) {
    L.marker(position, {
      icon: L.divIcon({ className: `track-end ${kind}`, html: label[0], iconSize: [20, 20], iconAnchor: [10, 10] }),
      zIndexOffset: 500,
    }).bindTooltip(`${label}: ${time(record.ts)} · ${withUnit(record.speed, 0, 'km/h')}`, { direction: 'top' })
      .addTo(this.trackLayer);
  }

  focus(record) {
    if (hasFix(record)) {
      this.map.setView([record.lat, record.lon], Math.max(this.map.getZoom(), 15));
    }
  }

  fitTo(latLngs) {
    this.map.fitBounds(L.latLngBounds(latLngs).pad(0.15), { maxZoom: 15, animate: false });
  }
}
