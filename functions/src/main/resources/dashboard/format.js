// How values read on the page: units, ages, durations and event names.

// Event IO ids and their names, from contract's io-dictionary-fmb.json (the alarm entries and the
// state changes an FMB device reports as its record's event id).
const EVENT_NAMES = {
  72: 'temperature', 73: 'temperature', 74: 'temperature', 75: 'temperature',
  239: 'ignition', 240: 'movement', 246: 'towing', 247: 'crash', 249: 'jamming',
  252: 'unplug', 255: 'overSpeeding',
};

const EVENT_LABELS = {
  temperature: 'Temperature out of range', ignition: 'Ignition change', movement: 'Movement change',
  towing: 'Towing', crash: 'Crash', jamming: 'GSM jamming', unplug: 'Unplugged',
  overSpeeding: 'Over-speeding',
};

/** Events that are alarms: drawn on the map and highlighted in the list. */
export const ALARMS = new Set(['crash', 'towing', 'unplug', 'jamming', 'overSpeeding', 'temperature']);

export function eventName(record) {
  if (!record || !record.event) {
    return null;
  }
  return EVENT_NAMES[record.event] || `io${record.event}`;
}

export function eventLabel(name) {
  return EVENT_LABELS[name] || name;
}

const DASH = '–';

/** Text made safe to put in HTML markup. */
export function escapeHtml(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

export function number(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? DASH : Number(value).toFixed(digits);
}

export function withUnit(value, digits, unit) {
  const text = number(value, digits);
  return text === DASH ? DASH : `${text} ${unit}`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return DASH;
  }
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (hours > 0) {
    return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  }
  if (minutes > 0) {
    return `${minutes} min`;
  }
  return `${total} s`;
}

export function age(iso, now = Date.now()) {
  if (!iso) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)} h ago`;
  }
  return `${Math.floor(seconds / 86400)} d ago`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString([], {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }) : DASH;
}

/**
 * A typed sensor value as text: booleans On/Off, numbers as sent (up to 3 decimals), identifiers
 * (hex ids, ICCID digits) and values too large for a number as the strings they are.
 */
export function sensorValue(value) {
  if (typeof value === 'boolean') {
    return { type: 'boolean', text: value ? 'On' : 'Off' };
  }
  if (typeof value === 'number') {
    return { type: 'number', text: Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3))) };
  }
  return { type: 'text', text: String(value) };
}

export function onOff(value) {
  if (value === null || value === undefined) {
    return DASH;
  }
  return value ? 'On' : 'Off';
}
