// Entry point: wires the API client, the fleet counts, the fleet list, the map, the device view
// and the charts, routes between the fleet (#/) and a device (#/device/<imei>), and refreshes what
// is shown: the counts, the visible page of the list, the visible part of the map, the alerts.
// Address parameters: ?refresh=<s> between fleet refreshes (10), ?timeout=<s> before a request
// counts as unanswered (30), ?tiles=<url template|none>, ?token=<API token>.

import { AlertLayer } from './alert-layer.js';
import { AlertsPanel } from './alerts-panel.js';
import { ApiClient, adoptToken, apiBase } from './api.js';
import { DeviceCharts } from './charts.js';
import { CommandBox } from './command-box.js';
import { DeviceView } from './device-view.js';
import { FleetList } from './fleet-list.js';
import { FleetSummary } from './fleet-summary.js';
import { FleetMap } from './map-view.js';

const params = new URLSearchParams(location.search);
const REFRESH_SECONDS = Math.max(1, Number(params.get('refresh')) || 10);
const TIMEOUT_SECONDS = Math.max(1, Number(params.get('timeout')) || 30);

const $ = (selector) => document.querySelector(selector);
const api = new ApiClient(apiBase(), adoptToken(), TIMEOUT_SECONDS * 1000);
const layout = $('#layout');
const status = $('#api-status');

let refreshing = false;

function route() {
  const match = /^#\/device\/([^/?]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function openDevice(imei) {
  location.hash = `#/device/${encodeURIComponent(imei)}`;
}

const map = new FleetMap($('#map'), $('#map-note'), openDevice, (box, zoom) => api.fleetMap(box, zoom));
const charts = new DeviceCharts($('#chart-speed'), $('#chart-temperature'));
const summary = new FleetSummary($('#fleet-counts'), api);
const fleetList = new FleetList({
  list: $('#device-list'),
  search: $('#fleet-filter'),
  message: $('#fleet-message'),
  previous: $('#page-previous'),
  next: $('#page-next'),
  position: $('#page-position'),
}, api, openDevice);
const deviceView = new DeviceView($('#device-view'), api, map, charts);
const alertLayer = new AlertLayer(map);
const alertsPanel = new AlertsPanel({
  alerts: $('#alert-list'),
  count: $('#alert-count'),
  rules: $('#rule-list'),
  form: $('#rule-form'),
  message: $('#rule-message'),
}, api, openDevice, () => refreshAlerts(true));

/**
 * Open alerts and the rules (with their geofences), refreshed with the fleet. In the device view
 * the map shows that device's alerts of the chosen range instead of the fleet's open ones.
 */
// Rules change rarely and only by hand: this page's own changes fetch them at once, other
// people's show within RULES_MAX_AGE_MS, so a refresh does not carry every rule every time.
const RULES_MAX_AGE_MS = 60_000;
let rulesFetchedAt = -Infinity;

async function refreshAlerts(rulesChanged = false) {
  try {
    const fetchRules = rulesChanged || Date.now() - rulesFetchedAt >= RULES_MAX_AGE_MS;
    const [open, rules] = await Promise.all([api.openAlerts(), fetchRules ? api.rules() : null]);
    alertsPanel.showAlerts(open);
    if (rules !== null) {
      rulesFetchedAt = Date.now();
      alertsPanel.showRules(rules);
      alertLayer.showGeofences(rules);
    }
    const imei = route();
    if (imei === null) {
      alertLayer.showAlerts(open);
    } else if (deviceView.range) {
      const [from, to] = deviceView.range;
      alertLayer.showAlerts(await api.deviceAlerts(imei, from.toISOString(), to.toISOString()));
    }
  } catch (error) {
    alertsPanel.say(`Alerts unavailable: ${error.describe ? error.describe() : error}`, 'error');
  }
}
const commandBox = new CommandBox($('#device-view'), api);
// what the role may not do is not offered; until the role is known, nothing that changes state is
function applyRole(role) {
  document.body.dataset.role = role;
  commandBox.allow(role);
}
applyRole('viewer');
api.role().then(applyRole, () => applyRole('viewer'));

/** The open device's header from the server: it is rarely on the list's page. */
async function describeDevice(imei) {
  try {
    const device = await api.device(imei);
    if (route() === imei) {
      deviceView.describe(device);
    }
  } catch (error) {
    if (error.status !== 404) {
      throw error;
    }
    if (route() === imei) {
      deviceView.describe(null);
    }
  }
}

function render() {
  const imei = route();
  const deviceMode = imei !== null;
  layout.dataset.view = deviceMode ? 'device' : 'fleet';
  $('#fleet-view').hidden = deviceMode;
  $('#device-view').hidden = !deviceMode;
  $('#charts').hidden = !deviceMode;
  if (deviceMode) {
    // the last opened device stays selected back in the fleet view, through every refresh
    fleetList.select(imei);
    map.highlight(imei);
  }
  map.resize();
  if (deviceMode) {
    document.title = `Fleetwire — ${imei}`;
    deviceView.open(imei, fleetList.device(imei));
    describeDevice(imei).catch(() => {});
    commandBox.open(imei);
    charts.resize();
  } else {
    commandBox.close();
    document.title = 'Fleetwire — fleet';
    map.showFleet().catch(() => {});
  }
}

function statusText(error) {
  if (error.status === 401) {
    return 'API token needed';
  }
  return error.status ? `API error ${error.status}` : 'API unreachable';
}

async function refresh() {
  if (refreshing) {
    return;
  }
  refreshing = true;
  try {
    const imei = route();
    const results = await Promise.allSettled([
      fleetList.refresh().catch((error) => {
        fleetList.showError(error);
        throw error;
      }),
      summary.refresh(),
      imei === null ? map.refresh() : describeDevice(imei),
      refreshAlerts(),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      const error = failed.reason;
      status.dataset.state = 'error';
      status.textContent = statusText(error);
      status.title = error.describe ? error.describe() : String(error);
      return;
    }
    status.dataset.state = 'live';
    status.dataset.refreshes = String(Number(status.dataset.refreshes || 0) + 1);
    status.textContent = `Live · updated ${new Date().toLocaleTimeString()}`;
    status.title = '';
  } finally {
    refreshing = false;
  }
}

function setUpDailyReport() {
  const date = $('#daily-date');
  const link = $('#daily-csv');
  const update = () => {
    link.href = api.dailyCsvUrl(date.value);
    link.download = `fleetwire-daily-${date.value}.csv`;
  };
  date.value = new Date().toISOString().slice(0, 10);
  date.addEventListener('change', update);
  update();
  // A plain link cannot carry the bearer token: with one, the CSV is fetched and saved from a blob.
  link.addEventListener('click', async (event) => {
    if (!api.token) {
      return;
    }
    event.preventDefault();
    try {
      const blob = await api.dailyCsv(date.value);
      const save = document.createElement('a');
      save.href = URL.createObjectURL(blob);
      save.download = link.download;
      save.click();
      setTimeout(() => URL.revokeObjectURL(save.href), 10000);
    } catch (error) {
      status.dataset.state = 'error';
      status.textContent = `Daily report failed: ${error.describe()}`;
    }
  });
}

$('#brand').href = location.pathname + location.search + '#/';
$('#back-to-fleet').addEventListener('click', () => {
  location.hash = '#/';
});
window.addEventListener('hashchange', () => {
  render();
  refreshAlerts();
});
// a device's track of a new range brings that range's alerts
$('#device-view').addEventListener('track-loaded', () => refreshAlerts());
setUpDailyReport();
fleetList.showLoading();
render();
refresh();
setInterval(refresh, REFRESH_SECONDS * 1000);
