// The dashboard's only door to the server: the documented HTTP API under <root>api/.

const TOKEN_KEY = 'fleetwire.apiToken';
const MAX_PAGES = 500;

/** The API prefix for this page: "/api/" both when the page is "/" and when it is "/api/dashboard". */
export function apiBase(pathname = location.pathname) {
  const apiAt = pathname.indexOf('/api/');
  if (apiAt >= 0) {
    return pathname.slice(0, apiAt) + '/api/';
  }
  const dir = pathname.replace(/(dashboard\/?(index\.html)?|index\.html)$/, '');
  return (dir.endsWith('/') ? dir : dir + '/') + 'api/';
}

/**
 * A bearer token given once as ?token= is kept for the browser tab and taken out of the address
 * bar, so it is neither bookmarked nor shown in screenshots.
 */
export function adoptToken() {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    sessionStorage.setItem(TOKEN_KEY, given);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail ? `${error}: ${detail}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  /** Words for the user: what failed and why, as the API said it. */
  describe() {
    const status = this.status ? `HTTP ${this.status} ` : '';
    return `${status}${this.error}${this.detail ? ' — ' + this.detail : ''}`;
  }
}

export class ApiClient {
  /** {@code timeoutMs}: a request that has not completed by then counts as unanswered. */
  constructor(base = apiBase(), token = null, timeoutMs = 30000) {
    this.base = base;
    this.token = token;
    this.timeoutMs = timeoutMs;
  }

  unreachable(networkError) {
    const why = networkError.name === 'TimeoutError'
      ? `within ${Math.round(this.timeoutMs / 1000)} s`
      : `(${networkError.message})`;
    return new ApiError(0, 'API unreachable', `${this.base} did not answer ${why}`);
  }

  url(path, params = {}) {
    const url = new URL(this.base + path, location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') {
        url.searchParams.set(key, value);
      }
    }
    return url.pathname + url.search;
  }

  headers() {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }

  async fetch(path, params, accept) {
    let response;
    try {
      // a server that accepted the request but never answers must not stall the page's refreshes
      response = await fetch(this.url(path, params), {
        headers: { Accept: accept, ...this.headers() },
        cache: 'no-store',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (networkError) {
      throw this.unreachable(networkError);
    }
    if (!response.ok) {
      let body = {};
      try {
        body = await response.json();
      } catch (notJson) {
        body = {};
      }
      throw new ApiError(response.status, body.error || response.statusText || 'Request failed', body.detail || '');
    }
    return response;
  }

  async json(path, params) {
    return this.read(await this.fetch(path, params, 'application/json'), path);
  }

  async read(response, path) {
    try {
      return await response.json();
    } catch (readError) {
      throw readError instanceof SyntaxError
        ? new ApiError(response.status, 'Bad API answer', `${path} did not answer with JSON`)
        : this.unreachable(readError);
    }
  }

  /**
   * One page of devices: {@code q} searches IMEI prefixes and names on the server, {@code changedSince}
   * (ISO-8601) keeps only devices changed after it. Resolves to {items, next, serverTime}: the
   * server's clock when it answered (its Date header; null without one), from which the next
   * "what changed since" is asked.
   */
  async devicePage({ limit, next, q, changedSince } = {}) {
    const response = await this.fetch('devices', { limit, next, q, changedSince }, 'application/json');
    const body = await this.read(response, 'devices');
    const date = Date.parse(response.headers.get('Date') || '');
    return { items: body.items || [], next: body.next || null, serverTime: Number.isNaN(date) ? null : date };
  }

  /** One device as the fleet list shows it, with its last record. */
  device(imei) {
    return this.json(`devices/${encodeURIComponent(imei)}`);
  }

  /** The fleet's counts: {devices, online, offline, moving, openAlerts}. */
  fleetSummary() {
    return this.json('fleet/summary');
  }

  /**
   * What the map shows of a box at a zoom: {clusters: [{lat, lon, count}], devices: [{imei, name,
   * lat, lon, angle, speed, online, ts}]}. {@code box}: [west, south, east, north] in degrees.
   */
  fleetMap(box, zoom) {
    return this.json('fleet/map', { bbox: box.join(','), zoom });
  }

  /** The caller's role (viewer, operator or admin), so the page offers only what it may do. */
  role() {
    return this.json('me').then((body) => body.role || 'viewer');
  }

  /** Every position in [from, to), oldest first. */
  positions(imei, from, to) {
    return this.all(`devices/${encodeURIComponent(imei)}/positions`, { from, to }, 'positions');
  }

  /** The device's own messages in [from, to), oldest first. */
  messages(imei, from, to) {
    return this.all(`devices/${encodeURIComponent(imei)}/messages`, { from, to }, 'messages');
  }

  /** Every alarm event in [from, to), oldest first. */
  events(imei, from, to) {
    return this.all(`devices/${encodeURIComponent(imei)}/events`, { from, to }, 'events');
  }

  /** The items of every page of a paged route: {"items":[...],"next":token-or-null}. */
  async all(path, params, what) {
    const items = [];
    let next = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.json(path, { ...params, limit: 1000, next });
      items.push(...(body.items || []));
      next = body.next;
      if (!next) {
        return items;
      }
    }
    throw new ApiError(0, 'Too many pages', `stopped after ${MAX_PAGES} pages of ${what}`);
  }

  report(imei, from, to) {
    return this.json(`devices/${encodeURIComponent(imei)}/report`, { from, to });
  }

  commands(imei) {
    return this.json(`devices/${encodeURIComponent(imei)}/commands`).then((body) => body.items || []);
  }

  /** Queues a command; resolves to the stored command (status "queued"). */
  async sendCommand(imei, text, codec) {
    let response;
    try {
      response = await fetch(this.url(`devices/${encodeURIComponent(imei)}/commands`), {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...this.headers() },
        body: JSON.stringify({ text, codec }),
      });
    } catch (networkError) {
      throw new ApiError(0, 'API unreachable', `${this.base} did not answer (${networkError.message})`);
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(response.status, body.error || response.statusText || 'Request failed', body.detail || '');
    }
    return body;
  }

  /** Alert rules, by id. */
  rules() {
    return this.json('rules').then((body) => body.items || []);
  }

  createRule(rule) {
    return this.send('POST', 'rules', rule);
  }

  deleteRule(id) {
    return this.send('DELETE', `rules/${encodeURIComponent(id)}`);
  }

  /** The newest {@code limit} alerts open now (the header counts them all). */
  openAlerts(limit = 100) {
    return this.json('alerts', { state: 'open', limit }).then((body) => body.items || []);
  }

  /** Every alert of one device that opened in [from, to), newest first. */
  deviceAlerts(imei, from, to) {
    return this.all('alerts', { imei, from, to }, 'alerts');
  }

  /** A state-changing request with a JSON body; resolves to the answer's JSON (null for 204). */
  async send(method, path, body) {
    let response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...this.headers() },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (networkError) {
      throw this.unreachable(networkError);
    }
    const answer = response.status === 204 ? null : await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(response.status, answer.error || response.statusText || 'Request failed', answer.detail || '');
    }
    return answer;
  }

  dailyCsvUrl(date) {
    return this.url('reports/daily', { date, format: 'csv' });
  }

  async dailyCsv(date) {
    const response = await this.fetch('reports/daily', { date, format: 'csv' }, 'text/csv');
    return response.blob();
  }
}
