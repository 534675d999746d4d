// The device view's command box: send a Codec 12/14 command, list recent ones with their outcome,
// and poll while any is still queued or sent.

import { time } from './format.js';

const POLL_MS = 2000;
const PENDING = new Set(['queued', 'sent']);

export class CommandBox {
  constructor(root, api) {
    this.root = root;
    this.api = api;
    this.imei = null;
    this.timer = null;
    this.form = root.querySelector('#command-form');
    this.text = root.querySelector('#command-text');
    this.codec = root.querySelector('#command-codec');
    this.message = root.querySelector('#command-message');
    this.list = root.querySelector('#command-list');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
  }

  /** Shows the send form only to a role that may send commands (operator, admin). */
  allow(role) {
    this.form.hidden = !(role === 'operator' || role === 'admin');
  }

  open(imei) {
    if (imei !== this.imei) {
      this.imei = imei;
      this.list.replaceChildren();
      this.say('');
    }
    this.refresh();
  }

  close() {
    this.imei = null;
    clearTimeout(this.timer);
  }

  say(text) {
    this.message.textContent = text;
    this.message.dataset.state = text ? 'error' : 'ready';
    this.message.hidden = !text;
  }

  async send() {
    const text = this.text.value.trim();
    if (!text) {
      return;
    }
    try {
      await this.api.sendCommand(this.imei, text, Number(this.codec.value));
      this.text.value = '';
      this.say('');
      this.refresh();
    } catch (error) {
      this.say(`Could not send: ${error.describe ? error.describe() : error.message}`);
    }
  }

  async refresh() {
    const imei = this.imei;
    clearTimeout(this.timer);
    if (!imei) {
      return;
    }
    let commands;
    try {
      commands = await this.api.commands(imei);
    } catch (error) {
      if (imei === this.imei) {
        this.say(`Could not load commands: ${error.describe ? error.describe() : error.message}`);
      }
      return;
    }
    if (imei !== this.imei) {
      return;
    }
    this.show(commands);
    if (commands.some((command) => PENDING.has(command.status))) {
      this.timer = setTimeout(() => this.refresh(), POLL_MS);
    }
  }

  show(commands) {
    this.list.dataset.count = String(commands.length);
    this.list.replaceChildren(...commands.map((command) => {
      const item = document.createElement('li');
      item.dataset.status = command.status;
      const head = document.createElement('div');
      head.className = 'command-head';
      const text = document.createElement('code');
      text.textContent = command.text;
      const meta = document.createElement('span');
      meta.className = 'command-meta';
      const when = command.finishedAt || command.sentAt || command.createdAt;
      meta.textContent = `${command.status} · codec ${command.codec} · ${time(when)}`;
      head.append(text, meta);
      item.append(head);
      const detail = command.response || command.failureReason;
      if (detail) {
        const body = document.createElement('p');
        body.className = 'command-response';
        body.textContent = command.response && command.failureReason
          ? `${command.failureReason}: ${command.response}` : detail;
        item.append(body);
      }
      return item;
    }));
  }
}
