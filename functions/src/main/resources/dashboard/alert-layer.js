// Alerts and geofences on the map: a marker per open alert (fleet view) or per alert of the shown
// device (device view), and every geofence rule's circle or polygon, in layers of their own.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { escapeHtml, time } from './format.js';

export const KIND_LABELS = {
  'temperature-above': 'Too warm',
  'temperature-below': 'Too cold',
  overspeed: 'Over speed',
  event: 'Event',
  offline: 'Offline',
  'geofence-enter': 'Entered zone',
  'geofence-exit': 'Left zone',
};

export class AlertLayer {
  /** {@code fleetMap}: the FleetMap whose Leaflet map the layers are drawn on. */
  constructor(fleetMap) {
    this.element = fleetMap.element;
    this.alerts = L.layerGroup().addTo(fleetMap.map);
    this.fences = L.layerGroup().addTo(fleetMap.map);
    this.element.dataset.alertMarkers = '0';
    this.element.dataset.geofences = '0';
  }

  showAlerts(alerts) {
    this.alerts.clearLayers();
    let shown = 0;
    for (const alert of alerts) {
      if (typeof alert.lat !== 'number' || typeof alert.lon !== 'number') {
        continue;
      }
      const label = KIND_LABELS[alert.kind] || alert.kind;
      L.marker([alert.lat, alert.lon], {
        icon: L.divIcon({ className: `alert-pin ${alert.state}`, html: '⚠', iconSize: [22, 22], iconAnchor: [11, 11] }),
        zIndexOffset: 2000,
        keyboard: false,
      }).bindTooltip(`${escapeHtml(label)} · ${escapeHtml(alert.imei)}<br>${time(alert.ts)}`, { direction: 'top' })
        .addTo(this.alerts);
      shown++;
    }
    this.element.dataset.alertMarkers = String(shown);
  }

  showGeofences(rules) {
    this.fences.clearLayers();
    let drawn = 0;
    for (const rule of rules) {
      const fence = rule.geofence;
      if (!fence) {
        continue;
      }
      const style = { color: '#b45309', weight: 2, fillOpacity: 0.08, dashArray: '6 4', interactive: false };
      const shape = fence.polygon
        ? L.polygon(fence.polygon, style)
        : L.circle([fence.lat, fence.lon], { ...style, radius: fence.radiusM });
      shape.bindTooltip(escapeHtml(rule.name)).addTo(this.fences);
      drawn++;
    }
    this.element.dataset.geofences = String(drawn);
  }
}
