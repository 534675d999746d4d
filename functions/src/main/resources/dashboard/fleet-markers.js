// The fleet's markers on the map: a bubble with its count per cluster the server made, a small
// pin per single device (a heading arrow when it moves, its name when the view is close or sparse).
// Each refresh moves and restyles the markers in place, so nothing flickers under the pointer.

import * as L from '../webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { escapeHtml } from './format.js';

/** Names are drawn beside the pins from this zoom on, or when only a few devices are in view. */
const LABEL_ZOOM = 13;
const FEW_DEVICES = 25;

/** A cluster's count as its bubble reads: 950, 1.2k, 12k. */
function countLabel(count) {
  if (count < 1000) {
    return String(count);
  }
  return count < 10000 ? `${(count / 1000).toFixed(1)}k` : `${Math.round(count / 1000)}k`;
}

/** A bubble's diameter in pixels: it grows with the count, slowly. */
function bubbleSize(count) {
  return Math.round(26 + 10 * Math.log10(Math.max(1, count)));
}

export class FleetMarkers {
  /**
   * {@code element}: the map's element, which carries the counts drawn ({@code data-marker-count},
   * {@code data-cluster-count}, {@code data-clustered-devices}); {@code onSelect(imei)}: a pin was
   * clicked; {@code onCluster(latLng)}: a bubble was clicked.
   */
  constructor(map, element, onSelect, onCluster) {
    this.map = map;
    this.element = element;
    this.onSelect = onSelect;
    this.onCluster = onCluster;
    this.layer = L.layerGroup();
    this.markers = new Map();
    this.clusters = [];
    this.selected = null;
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
        this.layer.removeLayer(marker);
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
        marker = this.addMarker(() => this.onCluster(marker.getLatLng()));
        this.clusters.push(marker);
      }
      this.place(marker, [cluster.lat, cluster.lon], this.clusterIcon(cluster.count), {
        count: String(cluster.count), label: `${cluster.count} devices: zoom in`,
      });
    });
    for (const marker of this.clusters.splice(clusters.length)) {
      this.layer.removeLayer(marker);
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
    if (!this.layer.hasLayer(marker)) {
      marker.addTo(this.layer);
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
      html: `${heading}<span class="pin-dot"></span><span class="pin-label">${escapeHtml(device.name || device.imei)}</span>`,
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
}
