// The console: one page whose view (scans, scan, host, records) is a module of its own; this one shares API calls,
// elements built from text only, the login's roles and polling with them, and loads the view the URL names.
// Every string from the API (and so from a scanned host) goes into the page as text (textContent), never as markup.

// From the origin and path, never document.baseURI: a URL typed with a login in it would make every fetch fail.
const API = new URL('../api/', location.origin + location.pathname);

/** An API error with the message the server gave and, for a start request, the field it is about. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `the server answered ${status}`);
    this.status = status;
    this.field = body && body.field ? body.field : null;
  }
}

/** Calls the API; requests that change something carry the header the API requires of them. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-SmtpRC-Request'] = '1';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(new URL(path, API), {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

/** The URL of an API path, for links (report, CSV). */
export function apiUrl(path) {
  return new URL(path, API).toString();
}

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = String(value);
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Replaces an element's content. */
export function show(target, ...children) {
  target.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function text(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** An instant of the API: ISO-8601 text, or seconds since 1970 (with a fraction) as WildFly's JSON writes them. */
export function when(instant) {
  if (instant === null || instant === undefined || instant === '') {
    return '';
  }
  const date = typeof instant === 'number' ? new Date(instant * 1000) : new Date(instant);
  return isNaN(date.getTime()) ? String(instant) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A progress bar with its percentage as text. */
export function progressOf(progress) {
  const percent = progress ? progress.percent : 0;
  return el('span', { class: 'progress' },
    el('progress', { max: '100', value: String(percent) }),
    el('span', { class: 'percent', text: `${percent}%` }),
    progress ? el('span', { class: 'done', text: ` ${progress.done}/${progress.total}` }) : null);
}

/** Who is logged in; removes the operator controls from the page for anyone else. */
export async function session() {
  const who = await api('session');
  const operator = who.roles.includes('operator');
  document.body.classList.toggle('operator', operator);
  if (!operator) {
    document.querySelectorAll('.operator-only').forEach(control => control.remove());
  }
  const user = document.getElementById('user');
  if (user) {
    user.textContent = `${who.user} (${who.roles.join(', ') || 'no role'})`;
  }
  return { ...who, operator };
}

/** Shows a failure in the page's message area. */
export function complain(error) {
  const area = document.getElementById('message');
  if (area) {
    area.textContent = error instanceof Error ? error.message : String(error);
  }
}

/** Calls refresh now and then every few seconds while the page is open; stops when it returns false. */
export function poll(refresh, everyMs = 2000) {
  let timer;
  const run = async () => {
    let again = true;
    try {
      again = (await refresh()) !== false;
    } catch (error) {
      complain(error);
    }
    if (again) {
      timer = setTimeout(run, everyMs);
    }
  };
  run();
  return () => clearTimeout(timer);
}

export const ACTIVE = new Set(['CREATED', 'PROBING', 'CONFIRMING', 'STOPPING']);

// One page, four views: ?view=scans (the default), scan, host or records; the others leave the page.
const VIEWS = ['scans', 'scan', 'host', 'records'];
const view = VIEWS.includes(param('view')) ? param('view') : 'scans';
document.querySelectorAll('[data-view]').forEach(part => {
  if (part.dataset.view === view) {
    part.hidden = false;
  } else {
    part.remove();
  }
});
import(`./${view}.js`).catch(complain);
