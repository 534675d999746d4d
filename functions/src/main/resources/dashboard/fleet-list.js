// The fleet list: one page of devices at a time, searched on the server. A refresh asks only for
// what changed since the previous answer and updates the shown rows in place, keeping the search,
// the page and the selected row.

import { age, eventLabel, eventName, onOff, withUnit } from './format.js';

const PAGE_SIZE = 25;
/** Pause after the last keystroke before the server is asked. */
const SEARCH_SETTLE_MS = 300;
/**
 * "Changed since" is asked from a little before the previous answer: a change the store made while
 * that answer was being read is then seen again rather than missed.
 */
const CHANGE_OVERLAP_MS = 5000;

function sensor(device, name) {
  const sensors = device.last && device.last.sensors;
  return sensors && sensors[name] !== undefined ? sensors[name] : null;
}

function fact(field, label, title) {
  return `<span class="fact" data-field="${field}" title="${title}"><small>${label}</small><span class="value"></span></span>`;
}

export class FleetList {
  constructor({ list, search, message, previous, next, position }, api, onSelect) {
    this.list = list;
    this.search = search;
    this.message = message;
    this.previousButton = previous;
    this.nextButton = next;
    this.position = position;
    this.api = api;
    this.onSelect = onSelect;
    this.devices = null;
    this.selected = null;
    this.rows = new Map();
    this.query = '';
    // the token each page was asked with: page 0 has none, so going back needs no new token
    this.tokens = [null];
    this.page = 0;
    this.pageNext = null;
    this.serverTime = null;
    this.loadId = 0;
    this.searchTimer = null;
    search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.searchFor(search.value.trim()), SEARCH_SETTLE_MS);
    });
    previous.addEventListener('click', () => this.turn(-1));
    next.addEventListener('click', () => this.turn(1));
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

  /** The device as the list last showed it, if it is on the page. */
  device(imei) {
    return (this.devices || []).find((device) => device.imei === imei);
  }

  searchFor(query) {
    if (query === this.query) {
      return;
    }
    this.query = query;
    this.tokens = [null];
    this.page = 0;
    this.load().catch((error) => this.showError(error));
  }

  turn(step) {
    const page = this.page + step;
    if (page < 0 || (step > 0 && !this.pageNext)) {
      return;
    }
    if (step > 0) {
      this.tokens[page] = this.pageNext;
    }
    this.page = page;
    this.load().catch((error) => this.showError(error));
  }

  /** Asks for the visible page whole; an answer overtaken by a newer request is dropped. */
  async load() {
    const id = ++this.loadId;
    this.list.dataset.state = 'loading';
    const answer = await this.api.devicePage({ limit: PAGE_SIZE, next: this.tokens[this.page], q: this.query });
    if (id !== this.loadId) {
      return;
    }
    this.serverTime = answer.serverTime;
    this.pageNext = answer.next;
    this.tokens.length = this.page + 1;
    this.show(answer.items);
  }

  /**
   * Brings the page up to date with the devices changed since the previous answer. When they all
   * came in one answer, the rows on the page take them and the rest are not this page's; when
   * there were more, or one of them belongs among the rows shown, the page is asked for again.
   * Without the server's clock (no Date header) there is no "since": the page is asked for again.
   */
  async refresh() {
    if (this.devices === null || this.serverTime === null) {
      await this.load();
      return;
    }
    const id = this.loadId;
    const answer = await this.api.devicePage({
      limit: PAGE_SIZE,
      changedSince: new Date(this.serverTime - CHANGE_OVERLAP_MS).toISOString(),
      q: this.query,
    });
    if (id !== this.loadId) {
      return;
    }
    if (answer.next !== null || answer.items.some((device) => !this.rows.has(device.imei) && this.belongsHere(device.imei))) {
      await this.load();
      return;
    }
    this.serverTime = answer.serverTime;
    const changed = new Map(answer.items.map((device) => [device.imei, device]));
    this.show(this.devices.map((device) => changed.get(device.imei) || device));
  }

  /** Whether a device not shown would sort among this page's rows (pages are in IMEI order). */
  belongsHere(imei) {
    const first = this.page === 0 || this.devices.length === 0 ? null : this.devices[0].imei;
    const last = this.pageNext === null || this.devices.length === 0 ? null : this.devices[this.devices.length - 1].imei;
    return (first === null || imei >= first) && (last === null || imei <= last);
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
    this.list.dataset.state = 'error';
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

  render() {
    const shown = this.devices;
    this.list.dataset.count = String(shown.length);
    this.list.dataset.page = String(this.page);
    this.list.dataset.query = this.query;
    this.list.dataset.state = 'ready';
    const rows = shown.map((device) => this.update(this.rows.get(device.imei) || this.create(device.imei), device));
    // Rows are kept and updated in place: a refresh never swaps the element under the user's pointer.
    const current = [...this.list.children];
    if (rows.length !== current.length || rows.some((row, index) => row !== current[index])) {
      this.list.replaceChildren(...rows);
    }
    const known = new Set(shown.map((device) => device.imei));
    for (const imei of this.rows.keys()) {
      if (!known.has(imei)) {
        this.rows.delete(imei);
      }
    }
    this.renderPager(shown.length);
    if (shown.length > 0) {
      this.setMessage('ready', '');
    } else if (this.query) {
      this.setMessage('no-match', `No device matches “${this.query}”.`);
    } else if (this.page === 0) {
      this.setMessage('empty', 'No devices yet. A tracker appears here after its first login: point it at '
        + 'the TCP port, or start the local stack with simulated devices.');
    } else {
      this.setMessage('no-match', 'No devices on this page any more.');
    }
  }

  renderPager(count) {
    const first = this.page * PAGE_SIZE;
    this.previousButton.disabled = this.page === 0;
    this.nextButton.disabled = !this.pageNext;
    this.previousButton.parentElement.hidden = this.page === 0 && !this.pageNext;
    this.position.textContent = count === 0 ? '' : `${first + 1}–${first + count}`;
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
