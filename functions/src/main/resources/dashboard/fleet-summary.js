// The header's fleet counts: devices, online, offline, moving and open alerts, as the server
// counts them for the whole fleet (the list and the map only ever hold a part of it).

const FIGURES = ['devices', 'online', 'offline', 'moving', 'openAlerts'];

export class FleetSummary {
  constructor(root, api) {
    this.root = root;
    this.api = api;
  }

  async refresh() {
    this.show(await this.api.fleetSummary());
  }

  show(counts) {
    for (const figure of FIGURES) {
      const value = counts[figure];
      const cell = this.root.querySelector(`[data-figure="${figure}"] dd`);
      const text = typeof value === 'number' ? value.toLocaleString() : '–';
      cell.dataset.value = typeof value === 'number' ? String(value) : '';
      if (cell.textContent !== text) {
        cell.textContent = text;
      }
    }
    this.root.dataset.state = 'ready';
  }
}
