// The scans list with live progress, the start form (errors next to their field), stop and restart.
import { ACTIVE, api, complain, el, poll, progressOf, session, show, when } from './console.js';

const RELAYS = ['ANONYMOUS_RELAY', 'CONFIRMED_RELAY', 'ACCEPTS_RELAY'];
let operator = false;

function relays(counts) {
  return RELAYS.reduce((sum, verdict) => sum + (counts[verdict] || 0), 0);
}

async function act(scan, action) {
  try {
    await api(`scans/${scan.id}/${action}`, { method: 'POST' });
    await refresh();
  } catch (error) {
    complain(error);
  }
}

function actions(scan) {
  if (!operator) {
    return null;
  }
  const active = ACTIVE.has(scan.status);
  return el('td', { class: 'operator-only' },
    active ? el('button', { type: 'button', class: 'stop', text: 'Stop', onclick: () => act(scan, 'stop') }) : null,
    !active && scan.status !== 'COMPLETED'
      ? el('button', { type: 'button', class: 'restart', text: 'Restart', onclick: () => act(scan, 'restart') })
      : null);
}

function row(scan) {
  return el('tr', { 'data-scan': scan.id, 'data-status': scan.status },
    el('td', {}, el('a', { href: `?view=scan&id=${scan.id}`, text: `#${scan.id}` })),
    el('td', { class: 'status', text: scan.status, title: scan.statusDetail }),
    el('td', { class: 'targets', text: scan.targets }),
    el('td', { text: scan.ports }),
    el('td', { text: scan.profile }),
    el('td', {}, progressOf(scan.progress)),
    el('td', { class: 'relays', text: relays(scan.counts) }),
    el('td', { text: when(scan.createdAt) }),
    actions(scan));
}

let shown = '';

async function refresh() {
  const scans = await api('scans?limit=50');
  const now = JSON.stringify(scans);
  if (now !== shown) {
    shown = now;
    show(document.querySelector('#scans tbody'), scans.map(row));
  }
}

function number(value) {
  return value.trim() === '' ? undefined : Number(value.trim());
}

function request(form) {
  const value = name => form.elements[name].value.trim() || undefined;
  return {
    targets: form.elements.targets.value,
    exclude: value('exclude'),
    ports: value('ports'),
    profile: value('profile'),
    options: {
      rcptOnly: form.elements.rcptOnly.checked || undefined,
      connectTimeoutMs: number(form.elements.connectTimeoutMs.value),
      confirmationWindowMs: number(form.elements.confirmationWindowMs.value),
    },
  };
}

async function start(event) {
  event.preventDefault();
  const form = event.target;
  form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
  try {
    const scan = await api('scans', { method: 'POST', body: request(form) });
    location.assign(`?view=scan&id=${scan.id}`);
  } catch (error) {
    const field = form.querySelector(`.field-error[data-field="${CSS.escape(error.field || '')}"]`)
      || form.querySelector('.field-error[data-field=""]');
    field.textContent = error.message;
    const input = form.elements[(error.field || '').replace(/^options\./, '')];
    if (input) {
      input.setAttribute('aria-invalid', 'true');
    }
  }
}

async function main() {
  operator = (await session()).operator;
  if (operator) {
    document.getElementById('start-form').addEventListener('submit', start);
  }
  poll(refresh);
}

main().catch(complain);
