// Read-only views of the API's lists (scope, quarantine, audit, owners, schedules, notices, re-checks) as tables of
// text; the scope's form is for operators.
import { api, complain, el, param, session, show, text } from './console.js';

const VIEWS = {
  scope: { title: 'Scope: the authorised networks', path: 'scope' },
  quarantine: { title: 'Quarantine: mail the receiver could not match', path: 'quarantine?limit=200' },
  'dead-letters': { title: 'Dead letters', path: 'dead-letters' },
  audit: { title: 'Audit trail', path: 'audit?limit=200' },
  owners: { title: 'Owners', path: 'owners' },
  schedules: { title: 'Schedules', path: 'schedules' },
  notices: { title: 'Notices', path: 'notices' },
  rechecks: { title: 'Re-checks', path: 'rechecks' },
};

function table(records) {
  const rows = Array.isArray(records) ? records : [records];
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))];
  show(document.querySelector('#records thead'), el('tr', {}, columns.map(c => el('th', { text: c }))));
  show(document.querySelector('#records tbody'), rows.map(r => el('tr', {},
    columns.map(c => el('td', { 'data-column': c, text: text(r[c]) })))));
}

async function scopeForm(current) {
  const form = document.getElementById('scope-form');
  if (!form) {
    return;
  }
  form.hidden = false;
  form.elements.networks.value = current.networks;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const error = form.querySelector('.field-error');
    error.textContent = '';
    try {
      table(await api('scope', { method: 'PUT', body: { networks: form.elements.networks.value } }));
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
}

async function main() {
  const who = await session();
  const name = param('of');
  const view = VIEWS[name];
  if (!view) {
    throw new Error(`no such view "${name}": choose one in the menu`);
  }
  document.getElementById('title').textContent = view.title;
  const scan = param('scan');
  const path = name === 'audit' && scan ? `audit?scan=${encodeURIComponent(scan)}&limit=200` : view.path;
  const records = await api(path);
  table(records);
  if (name === 'scope' && who.operator) {
    await scopeForm(records);
  }
}

main().catch(complain);
