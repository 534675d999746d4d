// The fleet list: one row per device, filtered by text and status, re-rendered on every refresh
// without losing the filter or the selected row.

import { age, eventLabel, eventName, onOff, withUnit } from './format.js';

function sensor(device, name) {
  const sensors = device.last && device.last.sensors;
  return sensors && sensors[name] !== undefined ? sensors[name] : null;
}

function fact(field, label, title) {
  return `<span class="fact" data-field="${field}" title="${title}"><small>${label}</small><span class="value"></span></span>`;
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
    this.rows = new Map();
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
    if (apiError.status === 401) {
      this.setMessage('unauthorized', 'This server needs an API token. Open the dashboard with ?token=<token> '
        + 'added to its address, using the token the server was started with (--api-token).');
      return;
    }
    const stale = this.devices && this.devices.length > 0 ? ' Showing the last known state.' : '';
    const what = apiError.status
      ? `The API answered with an error: ${apiError.describe()}`
      : `API unreachable: ${apiError.detail || apiError.message}`;
    this.setMessage('error', `${what}. Retrying automatically.${stale}`);
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
    const rows = shown.map((device) => this.update(this.rows.get(device.imei) || this.create(device.imei), device));
    // Rows are kept and updated in place: a refresh never swaps the element under the user's pointer.
    const current = [...this.list.children];
    if (rows.length !== current.length || rows.some((row, index) => row !== current[index])) {
      this.list.replaceChildren(...rows);
    }
    const known = new Set(this.devices.map((device) => device.imei));
    for (const imei of this.rows.keys()) {
      if (!known.has(imei)) {
        this.rows.delete(imei);
      }
    }
    if (this.devices.length === 0) {
      this.setMessage('empty', 'No devices yet. A tracker appears here after its first login: point it at '
        + 'the TCP port, or start the local stack with simulated devices.');
    } else if (shown.length === 0) {
      this.setMessage('no-match', 'No device matches this filter.');
    } else {
      this.setMessage('ready', '');
    }
  }

  create(imei) {
    const li = document.createElement('li');
    li.className = 'device-row';
    li.dataset.imei = imei;
    li.tabIndex = 0;
    li.setAttribute('role', 'option');
    li.innerHTML = `
      <div class="row-head">
        <span class="status-dot"></span>
        <div class="names"><strong></strong><span class="imei"></span></div>
        <span class="seen" data-field="last-seen"></span>
      </div>
      <div class="row-facts">
        ${fact('speed', 'Speed', 'Speed of the last record')}
        ${fact('ignition', 'Ignition', 'Ignition')}
        ${fact('voltage', 'Power', 'External voltage')}
        ${fact('temperature', 'Temp', 'Temperature sensor 1')}
        ${fact('event', 'Event', 'Event of the last record')}
      </div>`;
    this.rows.set(imei, li);
    return li;
  }

  update(li, device) {
    const last = device.last;
    const event = eventName(last);
    const set = (selector, text) => {
      const element = li.querySelector(selector);
      if (element.textContent !== text) {
        element.textContent = text;
      }
    };
    li.dataset.online = String(Boolean(device.online));
    li.setAttribute('aria-selected', String(device.imei === this.selected));
    li.querySelector('.status-dot').className = `status-dot ${device.online ? 'online' : 'offline'}`;
    set('.names strong', device.name || device.imei);
    set('.names .imei', device.imei);
    set('[data-field="last-seen"]', `${device.online ? 'Online' : 'Offline'} · ${age(device.lastSeen)}`);
    set('[data-field="speed"] .value', last ? withUnit(last.speed, 0, 'km/h') : '–');
    set('[data-field="ignition"] .value', onOff(sensor(device, 'ignition')));
    set('[data-field="voltage"] .value', withUnit(sensor(device, 'externalVoltageV'), 1, 'V'));
    set('[data-field="temperature"] .value', withUnit(sensor(device, 'temperature1C'), 1, '°C'));
    set('[data-field="event"] .value', event ? eventLabel(event) : '–');
    li.querySelector('[data-field="event"]').className = event ? `fact alarm ${event}` : 'fact';
    return li;
  }
}
