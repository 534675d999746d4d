// The Leaflet map: the fleet's last positions, or one device's track with its events.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { eventLabel, eventName, time, withUnit } from './format.js';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const WORLD = [[35, -10], [70, 40]];

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

/** A measured position: coordinates the device had a fix for. */
function hasFix(record) {
  return record && typeof record.lat === 'number' && typeof record.lon === 'number' && record.valid !== false;
}

/**
 * Where a device last was: without a fix a record repeats the last valid coordinates (Teltonika
 * "Codec" documentation, "GPS element"), so those are shown; 0/0 means it never had one.
 */
function lastValidPosition(record) {
  if (!record || typeof record.lat !== 'number' || typeof record.lon !== 'number') {
    return null;
  }
  if (record.valid === false && record.lat === 0 && record.lon === 0) {
    return null;
  }
  return [record.lat, record.lon];
}

export class FleetMap {
  constructor(element, note, onSelect) {
    this.element = element;
    this.note = note;
    this.onSelect = onSelect;
    this.map = L.map(element, { zoomSnap: 0.5, attributionControl: true, worldCopyJump: true });
    this.map.fitBounds(WORLD);
    // without tiles the scale is what tells a street from a country
    L.control.scale({ imperial: false, maxWidth: 140 }).addTo(this.map);
    this.fleetLayer = L.layerGroup().addTo(this.map);
    this.trackLayer = L.layerGroup();
    this.markers = new Map();
    this.selected = null;
    this.fittedFleet = false;
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

  showFleet(devices) {
    this.map.removeLayer(this.trackLayer);
    this.fleetLayer.addTo(this.map);
    const seen = new Set();
    for (const device of devices) {
      const position = lastValidPosition(device.last);
      if (!position) {
        continue;
      }
      seen.add(device.imei);
      let marker = this.markers.get(device.imei);
      if (!marker) {
        marker = L.marker(position, { icon: this.deviceIcon(device), keyboard: true, riseOnHover: true });
        marker.on('click', () => this.onSelect(device.imei));
        marker.addTo(this.fleetLayer);
        this.markers.set(device.imei, marker);
      } else {
        marker.setLatLng(position);
        const icon = this.deviceIcon(device);
        // an unchanged icon is left alone: replacing it under the pointer would swallow a click
        if (icon.options.html !== marker.getIcon().options.html || icon.options.className !== marker.getIcon().options.className) {
          marker.setIcon(icon);
        }
      }
      marker.getElement().dataset.imei = device.imei;
      marker.getElement().setAttribute('aria-label', device.name || device.imei);
    }
    for (const [imei, marker] of this.markers) {
      if (!seen.has(imei)) {
        marker.remove();
        this.markers.delete(imei);
      }
    }
    this.element.dataset.markerCount = String(this.markers.size);
    if (!this.fittedFleet && this.markers.size > 0) {
      this.map.invalidateSize();
      this.fitTo([...this.markers.values()].map((marker) => marker.getLatLng()));
      this.fittedFleet = true;
    }
  }

  deviceIcon(device) {
    const moving = device.last && device.last.speed > 0;
    const state = device.online ? 'online' : 'offline';
    const selected = device.imei === this.selected ? ' selected' : '';
    const heading = moving ? `<span class="pin-heading" style="transform: rotate(${device.last.angle}deg)"></span>` : '';
    return L.divIcon({
      className: `pin ${state}${moving ? ' moving' : ''}${selected}`,
      html: `${heading}<span class="pin-dot"></span><span class="pin-label">${escape(device.name || device.imei)}</span>`,
      iconSize: [22, 22],
      iconAnchor: [11, 11],
    });
  }

  highlight(imei) {
    this.selected = imei;
    for (const [key, marker] of this.markers) {
      marker.getElement()?.classList.toggle('selected', key === imei);
    }
  }

  showTrack(records, events) {
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
