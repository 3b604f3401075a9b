// A host of a scan: its verdict and every relay test's envelope, outcome, transcript, received headers and anonymity
// reasoning, all as text: whatever the host sent stays inert.
import { api, complain, el, param, session, show, text, when } from './console.js';

function term(name, value) {
  return [el('dt', { text: name }), el('dd', { 'data-term': name, text: text(value) })];
}

function block(name, value) {
  return value ? [el('h4', { text: name }), el('pre', { class: name.toLowerCase().replace(/ /g, '-'), text: value })]
    : [];
}

function test(t) {
  return el('article', { class: 'test', 'data-form': t.form },
    el('h3', { text: `${t.form}: ${t.outcome}` }),
    el('dl', {}, term('MAIL FROM', t.mailFrom), term('RCPT TO', t.rcptTo), term('Time (ms)', t.durationMs),
      term('Confirmed', when(t.confirmedAt)),
      term('Anonymous', t.anonymous === null || t.anonymous === undefined ? '' : t.anonymous ? 'yes' : 'no')),
    block('Anonymity reasoning', t.anonymityReasoning),
    block('Received headers', t.receivedHeaders),
    block('Transcript', t.transcript));
}

async function main() {
  await session();
  const scan = Number(param('scan'));
  const query = new URLSearchParams({ offset: param('at') || '0', limit: '1' });
  for (const name of ['verdict', 'sort']) {
    if (param(name)) {
      query.set(name, param(name));
    }
  }
  const [host] = await api(`scans/${scan}/hosts?${query}`);
  if (!host || host.address !== param('address') || String(host.port) !== param('port')) {
    document.getElementById('note').textContent = 'This host has moved in the scan\'s list since the page was'
      + ' linked (its verdict changed): go back to the scan and open it again.';
    if (!host) {
      return;
    }
  }
  document.getElementById('title').textContent = `${host.address} port ${host.port} (scan #${scan})`;
  show(document.getElementById('summary'),
    term('Verdict', host.verdict), term('Meaning', host.verdictLabel), term('Detail', host.detail),
    term('Banner', host.banner), term('Capabilities', host.capabilities), term('TLS', host.tls ? 'yes' : 'no'),
    term('Probed', when(host.probedAt)), term('Confirmed', when(host.confirmedAt)),
    [el('dt', { text: 'Scan' }), el('dd', {}, el('a', { href: `?view=scan&id=${scan}`, text: `#${scan}` }))]);
  show(document.getElementById('tests'), host.tests.map(test));
}

main().catch(complain);
