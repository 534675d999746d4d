// Speed and temperature over time, drawn with uPlot.

import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';

const HEIGHT = 170;

function seriesOf(records, pick) {
  const xs = [];
  const ys = [];
  for (const record of records) {
    const value = pick(record);
    if (value !== null && value !== undefined) {
      xs.push(Date.parse(record.ts) / 1000);
      ys.push(value);
    }
  }
  return [xs, ys];
}

class Chart {
  constructor(element, label, unit, color, pick) {
    this.element = element;
    this.label = label;
    this.unit = unit;
    this.color = color;
    this.pick = pick;
    this.plot = null;
  }

  width() {
    return Math.max(200, this.element.clientWidth || 300);
  }

  show(records) {
    const data = seriesOf(records, this.pick);
    this.element.dataset.points = String(data[0].length);
    this.clear();
    if (data[0].length === 0) {
      const empty = document.createElement('p');
      empty.className = 'chart-empty';
      empty.textContent = `No ${this.label.toLowerCase()} data in this range.`;
      this.element.append(empty);
      return;
    }
    const unit = this.unit;
    this.plot = new uPlot({
      width: this.width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#475569', grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' } },
        { stroke: '#475569', grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' }, size: 46,
          values: (plot, ticks) => ticks.map((tick) => `${tick}`) },
      ],
      series: [
        {},
        { label: this.label, stroke: this.color, width: 2, fill: `${this.color}22`,
          value: (plot, value) => (value === null ? '–' : `${value} ${unit}`) },
      ],
    }, data, this.element);
    // the layout may still settle after the plot is inserted (panels shown in the same frame)
    requestAnimationFrame(() => this.resize());
  }

  clear() {
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
    this.element.replaceChildren();
  }

  resize() {
    if (this.plot && this.plot.width !== this.width()) {
      this.plot.setSize({ width: this.width(), height: HEIGHT });
    }
  }
}

export class DeviceCharts {
  constructor(speedElement, temperatureElement) {
    this.speed = new Chart(speedElement, 'Speed', 'km/h', '#2563eb', (record) => record.speed);
    this.temperature = new Chart(temperatureElement, 'Temperature', '°C', '#dc2626',
      (record) => (record.sensors ? record.sensors.temperature1C : undefined));
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(speedElement);
    observer.observe(temperatureElement);
  }

  show(records) {
    this.speed.show(records);
    this.temperature.show(records);
  }

  resize() {
    this.speed.resize();
    this.temperature.resize();
  }
}
