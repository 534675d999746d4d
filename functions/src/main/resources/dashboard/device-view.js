// One device: time range, track, charts, events and the report figures for that range.

import { ALARMS, age, duration, eventLabel, eventName, number, sensorValue, time, withUnit } from './format.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** [from, to) of a preset, in the browser's time zone. */
export function presetRange(preset, now = new Date()) {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  switch (preset) {
    case 'hour': return [new Date(now.getTime() - HOUR), now];
    case 'today': return [midnight, now];
    case 'yesterday': return [new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate() - 1), midnight];
    case 'week': return [new Date(now.getTime() - 7 * DAY), now];
    default: throw new Error(`unknown range preset ${preset}`);
  }
}

function localInputValue(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

export class DeviceView {
  constructor(root, api, map, charts) {
    this.root = root;
    this.api = api;
    this.map = map;
    this.charts = charts;
    this.imei = null;
    this.preset = 'today';
    this.loadId = 0;
    this.message = root.querySelector('#device-message');
    this.customForm = root.querySelector('#custom-range');
    this.from = root.querySelector('#range-from');
    this.to = root.querySelector('#range-to');
    root.querySelectorAll('[data-range]').forEach((button) => {
      button.addEventListener('click', () => this.choosePreset(button.dataset.range));
    });
    this.customForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const from = new Date(this.from.value);
      const to = new Date(this.to.value);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
        this.setMessage('error', 'Choose a start before the end.');
        return;
      }
      this.load(from, to);
    });
    root.querySelector('#event-list').addEventListener('click', (event) => {
      const item = event.target.closest('[data-index]');
      if (item) {
        this.map.focus(this.events[Number(item.dataset.index)]);
      }
    });
    this.events = [];
  }

  open(imei, device) {
    const changed = imei !== this.imei;
    this.imei = imei;
    this.describe(device);
    if (changed) {
      this.choosePreset(this.preset === 'custom' ? 'today' : this.preset);
    } else {
      this.map.showTrack(this.records || [], this.events);
    }
  }

  /**
   * The header: name, IMEI and status, refreshed with the fleet. {@code device}: null when the
   * server does not know it, undefined while it has not answered yet.
   */
  describe(device) {
    this.root.querySelector('#device-title').textContent = device ? device.name || device.imei : this.imei;
    this.root.querySelector('#device-imei').textContent = this.imei;
    const status = this.root.querySelector('#device-status');
    status.className = `badge ${device && device.online ? 'online' : 'offline'}`;
    if (device) {
      status.textContent = `${device.online ? 'Online' : 'Offline'} · seen ${age(device.lastSeen)}`;
    } else {
      status.textContent = device === null ? 'Unknown device' : '…';
    }
    this.showSensors(device && device.last ? device.last.sensors || {} : {});
  }

  /** The latest record's named sensors, each shown as its type reads. */
  showSensors(sensors) {
    const list = this.root.querySelector('#sensor-list');
    const names = Object.keys(sensors).sort();
    list.dataset.count = String(names.length);
    list.replaceChildren(...names.map((name) => {
      const shown = sensorValue(sensors[name]);
      const row = document.createElement('div');
      row.dataset.sensor = name;
      const label = document.createElement('dt');
      label.textContent = name;
      const value = document.createElement('dd');
      value.dataset.type = shown.type;
      value.textContent = shown.text;
      row.append(label, value);
      return row;
    }));
  }

  choosePreset(preset) {
    this.preset = preset;
    this.root.querySelectorAll('[data-range]').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.dataset.range === preset));
    });
    this.customForm.hidden = preset !== 'custom';
    if (preset === 'custom') {
      const [from, to] = this.range || presetRange('today');
      this.from.value = localInputValue(from);
      this.to.value = localInputValue(to);
      return;
    }
    const [from, to] = presetRange(preset);
    this.load(from, to);
  }

  setMessage(state, text) {
    this.message.dataset.state = state;
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  async load(from, to) {
    const id = ++this.loadId;
    const imei = this.imei;
    this.range = [from, to];
    this.root.dataset.state = 'loading';
    this.root.dataset.from = from.toISOString();
    this.root.dataset.to = to.toISOString();
    this.setMessage('loading', 'Loading track, events and report…');
    const fromIso = from.toISOString();
    const toIso = to.toISOString();
    try {
      const [records, events, report, messages] = await Promise.all([
        this.api.positions(imei, fromIso, toIso),
        this.api.events(imei, fromIso, toIso),
        this.api.report(imei, fromIso, toIso),
        this.api.messages(imei, fromIso, toIso),
      ]);
      if (id !== this.loadId) {
        return;
      }
      this.records = records;
      this.events = events;
      this.root.dataset.positions = String(records.length);
      this.root.querySelector('#range-label').textContent =
        `${time(fromIso)} – ${time(toIso)} · ${records.length} positions`;
      this.map.showTrack(records, events);
      this.charts.show(records);
      this.showEvents(events);
      this.showReport(report);
      this.showMessages(messages);
      this.setMessage(records.length === 0 ? 'empty' : 'ready',
        records.length === 0 ? 'No positions in this range. Try a longer range.' : '');
      this.root.dataset.state = 'ready';
      this.root.dispatchEvent(new CustomEvent('track-loaded'));
    } catch (error) {
      if (id !== this.loadId) {
        return;
      }
      this.root.dataset.state = 'error';
      this.setMessage('error', `Could not load this device: ${error.describe ? error.describe() : error.message}`);
    }
  }

  /** Fills a list with one item per entry, or with a line saying there is none. */
  fillList(selector, entries, noneText, item) {
    const list = this.root.querySelector(selector);
    list.dataset.count = String(entries.length);
    if (entries.length === 0) {
      const none = document.createElement('li');
      none.className = 'none';
      none.textContent = noneText;
      list.replaceChildren(none);
      return;
    }
    list.replaceChildren(...entries.map(item));
  }

  showEvents(events) {
    this.fillList('#event-list', events, 'No events in this range.', (event, index) => {
      const name = eventName(event);
      const li = document.createElement('li');
      li.dataset.index = String(index);
      li.dataset.event = name;
      li.className = ALARMS.has(name) ? `alarm ${name}` : '';
      li.tabIndex = 0;
      const label = document.createElement('strong');
      label.textContent = eventLabel(name);
      const when = document.createElement('span');
      when.textContent = `${time(event.ts)} · ${withUnit(event.speed, 0, 'km/h')}`;
      li.append(label, when);
      return li;
    });
  }

  /** What the device sent on its own: text as text, binary payloads as hex. */
  showMessages(messages) {
    this.fillList('#message-list', messages, 'No device messages in this range.', (message) => {
      const li = document.createElement('li');
      const isText = typeof message.text === 'string';
      li.dataset.codec = String(message.codec);
      li.dataset.kind = isText ? 'text' : 'hex';
      const when = document.createElement('small');
      when.textContent = `${time(message.ts)} · Codec ${message.codec} · type 0x${message.type.toString(16).padStart(2, '0')}`
        + (isText ? '' : ' · hex');
      const payload = document.createElement('pre');
      payload.textContent = isText ? message.text : message.hex;
      li.append(when, payload);
      return li;
    });
  }

  showReport(report) {
    const temperature = report.temperature || {};
    const figures = {
      'report-distance': [report.distanceKm, withUnit(report.distanceKm, 1, 'km')],
      'report-driving': [report.drivingSeconds, duration(report.drivingSeconds)],
      'report-idle': [report.idleSeconds, duration(report.idleSeconds)],
      'report-stops': [report.stops, number(report.stops, 0)],
      'report-max-speed': [report.maxSpeedKmh, withUnit(report.maxSpeedKmh, 0, 'km/h')],
      'report-records': [report.records, number(report.records, 0)],
      'report-temp-min': [temperature.min, withUnit(temperature.min, 1, '°C')],
      'report-temp-max': [temperature.max, withUnit(temperature.max, 1, '°C')],
      'report-temp-avg': [temperature.avg, withUnit(temperature.avg, 1, '°C')],
    };
    const counts = Object.entries(report.events || {}).filter(([, count]) => count > 0);
    const chips = this.root.querySelector('[data-testid="report-events"]');
    chips.replaceChildren(...counts.map(([name, count]) => {
      const chip = document.createElement('span');
      chip.className = `chip ${name}`;
      chip.dataset.event = name;
      chip.dataset.count = String(count);
      chip.textContent = `${eventLabel(name)} × ${count}`;
      return chip;
    }));
    chips.hidden = counts.length === 0;
    for (const [testId, [value, text]] of Object.entries(figures)) {
      const element = this.root.querySelector(`[data-testid="${testId}"]`);
      element.dataset.value = value === null || value === undefined ? '' : String(value);
      element.textContent = text;
    }
  }
}
