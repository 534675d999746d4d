// The fleet list: one row per device, filtered by text and status, re-rendered on every refresh
// without losing the filter or the selected row.

import { age, eventLabel, eventName, onOff, withUnit } from './format.js';

function sensor(device, name) {
  const sensors = device.last && device.last.sensors;
  return sensors && sensors[name] !== undefined ? sensors[name] : null;
}

function cell(field, label, text, title) {
  const span = document.createElement('span');
  span.className = 'fact';
  span.dataset.field = field;
  span.title = title;
  const small = document.createElement('small');
  small.textContent = label;
  span.append(small, document.createTextNode(text));
  return span;
}

export class FleetList {
  constructor({ list, filter, statusFilter, summary, message }, onSelect) {
    this.list = list;
    this.filter = filter;
    this.statusFilter = statusFilter;
    this.summary = summary;
    this.message = message;
    this.onSelect = onSelect;
    this.devices = null;
    this.selected = null;
    filter.addEventListener('input', () => this.render());
    statusFilter.addEventListener('change', () => this.render());
    list.addEventListener('click', (event) => this.choose(event.target.closest('[data-imei]')));
    list.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.choose(event.target.closest('[data-imei]'));
      }
    });
  }

  choose(row) {
    if (row) {
      this.onSelect(row.dataset.imei);
    }
  }

  select(imei) {
    this.selected = imei;
    for (const row of this.list.children) {
      row.setAttribute('aria-selected', String(row.dataset.imei === imei));
    }
  }

  show(devices) {
    this.devices = devices;
    this.render();
  }

  showLoading() {
    this.setMessage('loading', 'Loading devices…');
  }

  /** An API failure: with devices already shown they stay, marked as possibly stale. */
  showError(apiError) {
    const stale = this.devices && this.devices.length > 0 ? ' Showing the last known state.' : '';
    const what = apiError.status ? 'The API answered with an error' : 'API unreachable';
    this.setMessage('error', `${what}: ${apiError.describe()}. Retrying automatically.${stale}`);
  }

  setMessage(state, text) {
    this.message.dataset.state = state;
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  matching() {
    const text = this.filter.value.trim().toLowerCase();
    const status = this.statusFilter.value;
    return this.devices.filter((device) => {
      const named = !text || (device.name || '').toLowerCase().includes(text) || device.imei.includes(text);
      const state = status === 'all' || (status === 'online') === Boolean(device.online);
      return named && state;
    });
  }

  render() {
    if (this.devices === null) {
      return;
    }
    const online = this.devices.filter((device) => device.online).length;
    const shown = this.matching();
    this.summary.textContent = `${this.devices.length} devices · ${online} online`;
    this.list.dataset.count = String(shown.length);
    this.list.replaceChildren(...shown.map((device) => this.row(device)));
    if (this.devices.length === 0) {
      this.setMessage('empty', 'No devices yet. A tracker appears here after its first login: point it at '
        + 'the TCP port, or start the local stack with simulated devices.');
    } else if (shown.length === 0) {
      this.setMessage('no-match', 'No device matches this filter.');
    } else {
      this.setMessage('ready', '');
    }
  }

  row(device) {
    const li = document.createElement('li');
    li.className = 'device-row';
    li.dataset.imei = device.imei;
    li.dataset.online = String(Boolean(device.online));
    li.tabIndex = 0;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', String(device.imei === this.selected));

    const head = document.createElement('div');
    head.className = 'row-head';
    const dot = document.createElement('span');
    dot.className = `status-dot ${device.online ? 'online' : 'offline'}`;
    const names = document.createElement('div');
    names.className = 'names';
    const name = document.createElement('strong');
    name.textContent = device.name || device.imei;
    const imei = document.createElement('span');
    imei.className = 'imei';
    imei.textContent = device.imei;
    names.append(name, imei);
    const seen = document.createElement('span');
    seen.className = 'seen';
    seen.dataset.field = 'last-seen';
    seen.textContent = `${device.online ? 'Online' : 'Offline'} · ${age(device.lastSeen)}`;
    head.append(dot, names, seen);

    const facts = document.createElement('div');
    facts.className = 'row-facts';
    const last = device.last;
    const event = eventName(last);
    facts.append(
      cell('speed', 'Speed', last ? withUnit(last.speed, 0, 'km/h') : '–', 'Speed of the last record'),
      cell('ignition', 'Ignition', onOff(sensor(device, 'ignition')), 'Ignition'),
      cell('voltage', 'Power', withUnit(sensor(device, 'externalVoltageV'), 1, 'V'), 'External voltage'),
      cell('temperature', 'Temp', withUnit(sensor(device, 'temperature1C'), 1, '°C'), 'Temperature sensor 1'),
      cell('event', 'Event', event ? eventLabel(event) : '–', 'Event of the last record'),
    );
    if (event) {
      facts.lastChild.classList.add('alarm', event);
    }
    li.append(head, facts);
    return li;
  }
}
