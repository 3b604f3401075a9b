// A scan: counts per verdict, live progress, its blocks, links to the reports, and its hosts (filtered, paged and
// sorted by the server).
import { ACTIVE, api, apiUrl, complain, el, param, poll, progressOf, session, show, text, when } from './console.js';

const PAGE = 25;
const id = Number(param('id'));
// The sort is the API's: a key (a column's data-sort) or -key for the reverse; none is the report's order.
const hosts = { verdict: param('verdict') || '', sort: param('sort') || '', offset: 0, rows: [] };
let operator = false;

/** The listing's filter and order as query parameters, the ones set only. */
function listing() {
  return Object.fromEntries(['verdict', 'sort'].filter(name => hosts[name]).map(name => [name, hosts[name]]));
}

function term(name, value) {
  return [el('dt', { text: name }), el('dd', { 'data-term': name }, value)];
}

async function act(action) {
  try {
    await api(`scans/${id}/${action}`, { method: 'POST' });
    watch();
  } catch (error) {
    complain(error);
  }
}

function summary(scan) {
  document.getElementById('title').textContent = `Scan #${scan.id}: ${scan.targets}`;
  show(document.getElementById('summary'),
    term('Status', scan.status), term('Detail', text(scan.statusDetail)),
    term('Progress', progressOf(scan.progress)),
    term('Ports', scan.ports), term('Profile', scan.profile), term('Excluded', text(scan.exclude)),
    term('Skipped', text(scan.skipped)), term('Created', when(scan.createdAt)),
    term('Finished', when(scan.finishedAt)));
  const actions = document.getElementById('actions');
  if (operator && actions) {
    const active = ACTIVE.has(scan.status);
    show(actions,
      active ? el('button', { type: 'button', class: 'stop', text: 'Stop', onclick: () => act('stop') }) : null,
      !active && scan.status !== 'COMPLETED'
        ? el('button', { type: 'button', class: 'restart', text: 'Restart', onclick: () => act('restart') }) : null);
  }
  show(document.getElementById('links'),
    el('a', { id: 'report', href: apiUrl(`scans/${id}/report`), text: 'HTML report' }), ' ',
    el('a', { id: 'csv', href: apiUrl(`scans/${id}/report.csv`), download: `smtprc-scan-${id}.csv`, text: 'CSV' }), ' ',
    el('a', { href: apiUrl(`scans/${id}/diff.html`), text: 'Changes since the previous scan' }), ' ',
    el('a', { href: `?view=records&of=audit&scan=${id}`, text: 'Audit trail' }));
  show(document.querySelector('#counts tbody'), Object.entries(scan.counts).map(([verdict, n]) =>
    el('tr', { 'data-verdict': verdict },
      el('td', {}, el('a', { href: `?view=scan&id=${id}&verdict=${verdict}`, text: verdict })),
      el('td', { class: 'count', text: n }))));
}

async function blocks() {
  const list = await api(`scans/${id}/blocks`);
  show(document.querySelector('#blocks tbody'), list.map(b => el('tr', {},
    el('td', { text: b.number }), el('td', { text: `${b.start}-${b.end}` }), el('td', { text: b.next }),
    el('td', { text: b.done ? 'yes' : 'no' }), el('td', { text: b.runs }), el('td', { text: b.refused }),
    el('td', { text: b.unreachable }))));
}

function renderHosts() {
  show(document.querySelector('#hosts tbody'), hosts.rows.map(({ host, at }) => el('tr', {},
    el('td', {}, el('a', {
      href: `?${new URLSearchParams({ view: 'host', scan: id, ...listing(), at, address: host.address,
        port: host.port })}`, text: host.address })),
    el('td', { text: host.port }),
    el('td', { class: 'verdict', text: host.verdict, title: host.verdictLabel }),
    el('td', { class: 'banner', text: text(host.banner) }),
    el('td', { text: host.durationMs }))));
  const key = (hosts.sort || 'verdict').replace(/^-/, '');
  document.querySelectorAll('#hosts th.sortable').forEach(th => {
    th.setAttribute('aria-sort', th.dataset.sort !== key ? 'none'
      : hosts.sort.startsWith('-') ? 'descending' : 'ascending');
  });
  document.getElementById('page').textContent = `${hosts.offset + 1}-${hosts.offset + hosts.rows.length}`;
  document.getElementById('previous').disabled = hosts.offset === 0;
  document.getElementById('next').disabled = hosts.rows.length < PAGE;
}

async function loadHosts() {
  const query = new URLSearchParams({ ...listing(), offset: hosts.offset, limit: PAGE });
  const list = await api(`scans/${id}/hosts?${query}`);
  // Where each host stands in this listing (this order, this filter), so that its page can fetch it alone.
  hosts.rows = list.map((host, i) => ({ host, at: hosts.offset + i }));
  renderHosts();
}

/** A new filter or order: back to the first page, and into the URL, so that a reload or a link keeps it. */
function relist() {
  hosts.offset = 0;
  const url = new URL(location.href);
  ['verdict', 'sort'].forEach(name => url.searchParams.delete(name));
  Object.entries(listing()).forEach(([name, value]) => url.searchParams.set(name, value));
  try {
    history.replaceState(null, '', url);
  } catch (refused) {
    // A page opened with a login in its URL cannot have that URL rewritten; the list is sorted all the same.
  }
  loadHosts().catch(complain);
}

function wireHosts() {
  const select = document.getElementById('verdict');
  select.addEventListener('change', () => {
    hosts.verdict = select.value;
    relist();
  });
  document.getElementById('previous').addEventListener('click', () => {
    hosts.offset = Math.max(0, hosts.offset - PAGE);
    loadHosts().catch(complain);
  });
  document.getElementById('next').addEventListener('click', () => {
    hosts.offset += PAGE;
    loadHosts().catch(complain);
  });
  // A click sorts the whole list by the column (the server sorts); a second click reverses it.
  document.querySelectorAll('#hosts th.sortable').forEach(th => th.addEventListener('click', () => {
    hosts.sort = hosts.sort === th.dataset.sort ? `-${th.dataset.sort}` : th.dataset.sort;
    relist();
  }));
}

function verdictChoices(scan) {
  const select = document.getElementById('verdict');
  const known = new Set([...select.options].map(o => o.value));
  Object.keys(scan.counts).filter(v => !known.has(v))
    .forEach(v => select.append(el('option', { value: v, text: v })));
  select.value = hosts.verdict;
}

async function main() {
  operator = (await session()).operator;
  wireHosts();
  watch();
}

/** Follows the scan every 2 s while it runs, and once more when it has ended; redrawn only when it changed. */
let shown = '';
let watching = false;

function watch() {
  if (watching) {
    return;
  }
  watching = true;
  poll(async () => {
    const scan = await api(`scans/${id}`);
    const now = JSON.stringify(scan);
    if (now !== shown) {
      shown = now;
      summary(scan);
      verdictChoices(scan);
      await blocks();
      await loadHosts();
    }
    watching = ACTIVE.has(scan.status);
    return watching;
  });
}

main().catch(complain);
