// The Leaflet map: the fleet as the server draws it for the visible box (clusters with their
// counts where devices are dense, single devices where sparse), or one device's track with its events.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { FleetMarkers } from './fleet-markers.js';
import { escapeHtml, eventLabel, eventName, time, withUnit } from './format.js';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const WORLD = [[35, -10], [70, 40]];
/** Web Mercator ends here: the map shows nothing further north or south. */
const MAX_LAT = 85.05;
const WORLD_BOX = [-180, -MAX_LAT, 180, MAX_LAT];
const MAX_ZOOM = 20;
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

/**
 * What the server is asked about for these map bounds: boxes [west, south, east, north] inside the
 * world, each with the turns of longitude (a multiple of 360) that place its answer in the view.
 * A view across the antimeridian is asked as two boxes (the server's boxes never cross it); a view
 * wider than the world, as the world.
 */
export function viewBoxes(bounds) {
  const south = Math.max(-MAX_LAT, bounds.getSouth());
  const north = Math.min(MAX_LAT, bounds.getNorth());
  if (bounds.getEast() - bounds.getWest() >= 360) {
    return [{ box: [-180, south, 180, north], shift: 0 }];
  }
  // panned over to a copy of the world: the view is asked about in the world itself
  const shift = Math.round((bounds.getWest() + bounds.getEast()) / 720) * 360;
  const west = bounds.getWest() - shift;
  const east = bounds.getEast() - shift;
  const boxes = [{ box: [Math.max(-180, west), south, Math.min(180, east), north], shift }];
  if (west < -180) {
    boxes.push({ box: [west + 360, south, 180, north], shift: shift - 360 });
  }
  if (east > 180) {
    boxes.push({ box: [-180, south, east - 360, north], shift: shift + 360 });
  }
  return boxes;
}

/** The answers for the boxes of one view as one answer, each moved to where its box lies in the view. */
function joinAnswers(answers, boxes) {
  const moved = (items, shift) => (shift === 0 ? items : items.map((item) => ({ ...item, lon: item.lon + shift })));
  return {
    clusters: answers.flatMap((answer, index) => moved(answer.clusters, boxes[index].shift)),
    devices: answers.flatMap((answer, index) => moved(answer.devices, boxes[index].shift)),
  };
}

function clampBox([west, south, east, north]) {
  const lon = (value) => Math.min(180, Math.max(-180, value));
  const lat = (value) => Math.min(MAX_LAT, Math.max(-MAX_LAT, value));
  return [lon(west), lat(south), lon(east), lat(north)];
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
    this.fleet = new FleetMarkers(this.map, element, onSelect, (position) => this.zoomInto(position));
    this.fleet.layer.addTo(this.map);
    this.trackLayer = L.layerGroup();
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
    this.fleet.layer.addTo(this.map);
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
    const boxes = viewBoxes(this.map.getBounds());
    let answer;
    try {
      answer = joinAnswers(await Promise.all(boxes.map(({ box }) => this.loadView(box, zoom))), boxes);
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
    this.fleet.draw(answer, zoom);
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

  highlight(imei) {
    this.fleet.highlight(imei);
  }

  showTrack(records, events) {
    this.mode = 'track';
    this.viewId++;
    this.map.removeLayer(this.fleet.layer);
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
      }).bindTooltip(`${escapeHtml(eventLabel(name))}<br>${time(event.ts)}`, { direction: 'top' })
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
