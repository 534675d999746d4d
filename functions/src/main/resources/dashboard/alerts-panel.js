// The fleet view's alerts: the alerts open now (newest first, each opening its device) and the
// alert rules, which an administrator creates from a small form and deletes from the list.

import { KIND_LABELS } from './alert-layer.js';
import { time } from './format.js';

function item(text, className) {
  const li = document.createElement('li');
  if (className) {
    li.className = className;
  }
  li.textContent = text;
  return li;
}

function numberOrNull(value) {
  return value === '' || value === null || value === undefined ? null : Number(value);
}

/** The rule a filled form describes, as the API takes it. */
export function ruleFromForm(form) {
  const data = new FormData(form);
  const kind = data.get('kind');
  const rule = {
    name: String(data.get('name') || '').trim(),
    kind,
    forSeconds: numberOrNull(data.get('forSeconds')) || 0,
  };
  const devices = String(data.get('devices') || '').split(/[\s,]+/).filter(Boolean);
  rule.devices = devices.length > 0 ? devices : null;
  if (kind === 'geofence-enter' || kind === 'geofence-exit') {
    rule.geofence = {
      lat: numberOrNull(data.get('lat')),
      lon: numberOrNull(data.get('lon')),
      radiusM: numberOrNull(data.get('radiusM')),
    };
  } else {
    rule.threshold = numberOrNull(data.get('threshold'));
  }
  return rule;
}

export class AlertsPanel {
  constructor(elements, api, onOpenDevice, onRulesChanged) {
    this.list = elements.alerts;
    this.count = elements.count;
    this.rules = elements.rules;
    this.form = elements.form;
    this.message = elements.message;
    this.api = api;
    this.onOpenDevice = onOpenDevice;
    this.onRulesChanged = onRulesChanged;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create();
    });
    const kind = this.form.querySelector('[name=kind]');
    const showFields = () => {
      const fence = kind.value.startsWith('geofence');
      this.form.querySelectorAll('.fence-field').forEach((field) => { field.hidden = !fence; });
      this.form.querySelectorAll('.threshold-field').forEach((field) => { field.hidden = fence; });
    };
    kind.addEventListener('change', showFields);
    showFields();
  }

  showAlerts(alerts) {
    this.count.textContent = String(alerts.length);
    this.count.dataset.count = String(alerts.length);
    this.list.replaceChildren(...(alerts.length === 0 ? [item('No open alerts', 'empty')] : alerts.map((alert) => {
      const li = item(`${KIND_LABELS[alert.kind] || alert.kind} · ${alert.imei} · ${time(alert.ts)}`, 'alert');
      li.dataset.alertId = alert.id;
      li.dataset.kind = alert.kind;
      li.tabIndex = 0;
      li.addEventListener('click', () => this.onOpenDevice(alert.imei));
      li.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          this.onOpenDevice(alert.imei);
        }
      });
      return li;
    })));
  }

  showRules(rules) {
    this.rules.replaceChildren(...rules.map((rule) => {
      const li = item(`${rule.name} (${KIND_LABELS[rule.kind] || rule.kind})`, 'rule');
      li.dataset.ruleId = rule.id;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'rule-delete admin-only';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', `Delete rule ${rule.name}`);
      remove.addEventListener('click', () => this.remove(rule));
      li.append(' ', remove);
      return li;
    }));
  }

  async create() {
    try {
      const rule = await this.api.createRule(ruleFromForm(this.form));
      this.say(`Rule "${rule.name}" created.`, 'ok');
      this.form.reset();
      this.onRulesChanged();
    } catch (error) {
      this.say(error.describe ? error.describe() : String(error), 'error');
    }
  }

  async remove(rule) {
    try {
      await this.api.deleteRule(rule.id);
      this.say(`Rule "${rule.name}" deleted.`, 'ok');
      this.onRulesChanged();
    } catch (error) {
      this.say(error.describe ? error.describe() : String(error), 'error');
    }
  }

  say(text, state) {
    this.message.textContent = text;
    this.message.dataset.state = state;
    this.message.hidden = false;
  }
}
