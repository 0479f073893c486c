// atlas-gov-mock console: a plain script, no framework and no build. It reads the
// control plane (/_mock/...) relative to the page, so it works wherever the simulator
// is mounted, and polls it for live updates. Every data call sends the console header,
// which, with the session cookie, stands for the control token (see ControlGuard).
'use strict';

const POLL_MS = 1500;
const MAX_ROWS = 500;
const HEADERS = { 'X-Atlas-Mock-Console': '1', Accept: 'application/json' };

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const $ = (sel) => document.querySelector(sel);

async function api(method, path, body) {
  const init = { method, headers: { ...HEADERS }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const why = json && json.detail ? json.detail : `${res.status} ${res.statusText}`;
    throw new Error(`${method} ${path}: ${why}`);
  }
  return json;
}

/** What the error box shows came from polling (cleared by the next good poll) or from an action (kept until the next action). */
let errorFromPoll = false;

function showError(e, fromPoll = false) {
  const box = $('#error');
  if (!e) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  errorFromPoll = fromPoll;
  box.hidden = false;
  box.textContent = e instanceof Error ? e.message : String(e);
}

function announce(text) {
  $('#status').textContent = text;
}

function table(caption, columns, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((cell) => h('td', {}, cell))))),
    ),
  );
}

const badge = (text, cls) => h('span', { class: `badge ${cls || ''}` }, text);
const roles = (orgRoles, groupRoles, names) => {
  const parts = [...orgRoles];
  for (const [g, rs] of Object.entries(groupRoles || {})) parts.push(`${names.get(g) || g}: ${rs.join(', ')}`);
  return parts.join('; ') || '—';
};
const listText = (xs) => (xs && xs.length ? xs.join(', ') : '—');

// ---------------------------------------------------------------------------
// Views and navigation (the address's hash names the view, and #journal/<seq> an exchange)
// ---------------------------------------------------------------------------

const VIEWS = ['resources', 'journal', 'audit', 'settings'];
let view = 'resources';

function route() {
  const [name, arg] = (location.hash.slice(1) || 'resources').split('/');
  view = VIEWS.includes(name) ? name : 'resources';
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.dataset.view !== view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${$(`#${view}-title`).textContent} · atlas-gov-mock console`;
  if (view === 'journal' && arg) openExchange(Number(arg));
  else if (view === 'journal') closeExchange();
  refresh();
}

// ---------------------------------------------------------------------------
// Clock and lifecycles
// ---------------------------------------------------------------------------

async function loadClock() {
  const c = await api('GET', 'clock');
  $('#clock-mode').textContent = c.mode;
  const t = $('#clock-now');
  t.textContent = c.now.replace('.000Z', 'Z');
  t.setAttribute('datetime', c.now);
}

$('#advance-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  const seconds = Number(f.amount.value) * Number(f.unit.value);
  try {
    await api('POST', 'clock/advance', { seconds });
    announce(`Clock advanced by ${f.amount.value} ${f.unit.selectedOptions[0].textContent}.`);
    showError(null);
  } catch (e) {
    showError(e);
  }
  refresh();
});

$('#complete-all').addEventListener('click', async () => {
  try {
    const r = await api('POST', 'lifecycle/complete', { all: true });
    announce(r.completed.length ? `Finished ${r.completed.length} pending lifecycle transition(s).` : 'Nothing was pending.');
    showError(null);
  } catch (e) {
    showError(e);
  }
  refresh();
});

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

let lastInventory = '';

async function loadInventory() {
  const secrets = $('#show-secrets').checked;
  const data = await api('GET', `inventory${secrets ? '?secrets=true' : ''}`);
  const text = JSON.stringify(data);
  if (text === lastInventory) return;
  lastInventory = text;
  const focused = document.activeElement && document.activeElement.id;
  const box = $('#orgs');
  box.replaceChildren(...(data.organizations.length ? data.organizations.map((o) => orgSection(o, secrets)) : [h('p', { class: 'empty' }, 'No organizations.')]));
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

function orgSection(o, secrets) {
  const names = new Map(o.projects.map((p) => [p.id, p.name]));
  return h(
    'section',
    { class: 'org', 'aria-labelledby': `org-${o.id}` },
    h('h3', { id: `org-${o.id}` }, o.name, ' ', o.tenant ? badge('tenant') : null),
    h('p', { class: 'meta' }, 'Organization ', h('code', {}, o.id), ` · created ${o.created}`),
    o.projects.length ? o.projects.map((p) => projectSection(p)) : h('p', { class: 'empty' }, 'No projects.'),
    table(
      `Users of ${o.name}`,
      ['Username', 'Name', 'Roles', 'Teams', 'API credential'],
      o.users.map((u) => [h('code', {}, u.username), u.name || '—', roles(u.orgRoles, u.groupRoles, names), listText(u.teams), u.credential ? [h('code', {}, u.credential.publicKey), secrets ? [' ', h('code', {}, u.credential.privateKey)] : []] : '—']),
      'No users.',
    ),
    table(
      `Teams of ${o.name}`,
      ['Team', 'Members', 'Project roles'],
      o.teams.map((t) => [t.name, listText(t.usernames), roles([], t.groupRoles, names)]),
      'No teams.',
    ),
    table(
      `API keys of ${o.name}`,
      ['Public key', 'Description', 'Roles', 'Access list', ...(secrets ? ['Private key'] : [])],
      o.apiKeys.map((k) => [h('code', {}, k.publicKey), k.desc, roles(k.orgRoles, k.groupRoles, names), listText(k.accessList.map((e) => e.cidrBlock)), ...(secrets ? [h('code', {}, k.privateKey)] : [])]),
      'No API keys.',
    ),
    table(
      `Service accounts of ${o.name}`,
      ['Client id', 'Name', 'Roles', 'Secrets', 'Access list'],
      o.serviceAccounts.map((s) => [
        h('code', {}, s.clientId),
        s.name,
        roles(s.orgRoles, s.groupRoles, names),
        s.secrets.length
          ? h('ul', {}, s.secrets.map((x) => h('li', {}, `expires ${x.expiresAt}`, x.lastUsedAt ? `, last used ${x.lastUsedAt}` : '', secrets ? [' ', h('code', {}, x.secret)] : [])))
          : '—',
        listText(s.accessList.map((e) => e.cidrBlock)),
      ]),
      'No service accounts.',
    ),
  );
}

function projectSection(p) {
  return h(
    'section',
    { class: 'project', 'aria-labelledby': `project-${p.id}` },
    h('h4', { id: `project-${p.id}` }, 'Project ', p.name),
    h('p', { class: 'meta' }, h('code', {}, p.id), ' · designation ', badge(p.regionUsageRestrictions)),
    table(
      `Clusters of ${p.name}`,
      ['Name', 'State', 'Tier', 'Type', 'Regions', 'MongoDB', 'Pending'],
      p.clusters.map((c) => [
        h('strong', {}, c.name),
        badge(c.paused ? `${c.stateName} (paused)` : c.stateName, `state-${c.stateName}`),
        c.instanceSize || '—',
        c.shards > 1 ? `${c.clusterType} (${c.shards} shards)` : c.clusterType,
        listText(c.regions),
        c.mongoDBMajorVersion,
        c.pending ? `${c.pending.kind} ${c.pending.at === 'manual' ? '(manual)' : `at ${c.pending.at}`}` : '—',
      ]),
      'No clusters.',
    ),
    table(
      `Database users of ${p.name}`,
      ['User', 'Auth database', 'Method', 'Roles', 'Scopes'],
      p.databaseUsers.map((u) => [h('code', {}, u.username), u.databaseName, u.authMethod, listText(u.roles), listText(u.scopes)]),
      'No database users.',
    ),
    table(
      `IP access list of ${p.name}`,
      ['Entry', 'Comment', 'Deleted after'],
      p.accessList.map((e) => [h('code', {}, e.cidrBlock || e.ipAddress || e.awsSecurityGroup), e.comment || '—', e.deleteAfter || '—']),
      'Empty IP access list.',
    ),
  );
}

$('#show-secrets').addEventListener('change', () => loadInventory().catch(showError));

// ---------------------------------------------------------------------------
// Journal
// ---------------------------------------------------------------------------

let journal = []; // newest first
let lastSeq = 0;
let filterQuery = '';
let openSeq = null;
const seenOps = new Set();
const seenPrincipals = new Set();

function filters() {
  const f = $('#journal-filters');
  const q = new URLSearchParams();
  for (const name of ['operationId', 'status', 'principal', 'method']) if (f[name].value) q.set(name, f[name].value.trim());
  // datetime-local has no zone: the simulation clock speaks UTC, and so do these fields.
  for (const name of ['since', 'until']) if (f[name].value) q.set(name, new Date(`${f[name].value}Z`).toISOString());
  return q.toString();
}

async function loadJournal() {
  const q = new URLSearchParams(filterQuery);
  if (lastSeq) q.set('after', String(lastSeq));
  else q.set('limit', String(MAX_ROWS));
  const { requests } = await api('GET', `requests?${q}`);
  if (!requests.length) return;
  lastSeq = requests[requests.length - 1].seq;
  journal = [...requests.reverse(), ...journal].slice(0, MAX_ROWS);
  for (const e of requests) {
    if (e.operationId) seenOps.add(e.operationId);
    if (e.principal) seenPrincipals.add(e.principal);
  }
  $('#operations').replaceChildren(...[...seenOps].sort().map((o) => h('option', { value: o })));
  $('#principals').replaceChildren(...[...seenPrincipals].sort().map((p) => h('option', { value: p })));
  renderJournal();
  if (view === 'journal' && journal.length !== requests.length) announce(`${requests.length} new request(s) in the journal.`);
}

function renderJournal() {
  $('#journal-count').textContent = String(journal.length);
  if (!journal.length) {
    $('#journal-table tbody').replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, filterQuery ? 'No exchange matches these filters.' : 'No exchange yet.')));
    return;
  }
  $('#journal-table tbody').replaceChildren(
    ...journal.map((e) =>
      h(
        'tr',
        { class: e.seq === openSeq ? 'selected' : '', 'data-seq': e.seq },
        h('td', {}, h('a', { href: `#journal/${e.seq}`, 'aria-label': `Open exchange ${e.seq}: ${e.method} ${e.path} ${e.status}` }, String(e.seq))),
        h('td', {}, h('time', { datetime: e.time }, e.time.slice(11).replace('Z', ''))),
        h('td', {}, e.method),
        h('td', { class: 'path' }, e.path + (e.query ? `?${e.query}` : '')),
        h('td', {}, badge(String(e.status), `s${String(e.status)[0]}`)),
        h('td', {}, e.operationId || '—'),
        h('td', {}, e.principal || '—'),
      ),
    ),
  );
}

function resetJournal() {
  journal = [];
  lastSeq = 0;
  renderJournal();
}

$('#journal-filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  filterQuery = filters();
  resetJournal();
  loadJournal().catch(showError);
});
$('#journal-filters').addEventListener('reset', () => {
  setTimeout(() => {
    filterQuery = '';
    resetJournal();
    loadJournal().catch(showError);
  });
});

$('#journal-clear').addEventListener('click', async () => {
  try {
    await api('DELETE', 'requests');
    announce('Journal emptied.');
    showError(null);
  } catch (e) {
    showError(e);
  }
  // Sequence numbers go on after a clear: only what comes next is shown.
  journal = [];
  renderJournal();
});

function pretty(body, headers) {
  if (body === undefined) return null;
  const type = Object.entries(headers || {}).find(([k]) => k.toLowerCase() === 'content-type');
  if (!type || /json/i.test(type[1])) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* not JSON after all: shown as sent */
    }
  }
  return body;
}

function headerList(headers) {
  const entries = Object.entries(headers || {});
  if (!entries.length) return h('p', { class: 'empty' }, 'No headers.');
  return h('dl', { class: 'headers' }, entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

async function openExchange(seq) {
  let e = journal.find((x) => x.seq === seq);
  if (!e) {
    try {
      const { requests } = await api('GET', `requests?after=${seq - 1}&limit=0`);
      e = requests.find((x) => x.seq === seq);
    } catch (err) {
      showError(err);
    }
  }
  const panel = $('#exchange');
  panel.hidden = false;
  $('.split').classList.add('open');
  openSeq = seq;
  renderJournal();
  if (!e) {
    $('#exchange-title').textContent = `Exchange ${seq}`;
    $('#exchange-body').replaceChildren(h('p', { class: 'empty' }, 'This exchange is no longer in the journal.'));
  } else {
    $('#exchange-title').textContent = `Exchange ${e.seq}: ${e.method} ${e.path}`;
    const reqBody = pretty(e.requestBody, e.requestHeaders);
    const resBody = pretty(e.responseBody, e.responseHeaders);
    $('#exchange-body').replaceChildren(
      h(
        'p',
        { class: 'meta' },
        `${e.time} · from ${e.remoteAddress}`,
        e.principal ? ` · ${e.authMethod || ''} ${e.principal}` : '',
        e.operationId ? [' · ', h('code', {}, e.operationId)] : '',
        e.version ? ` · version ${e.version}` : '',
      ),
      h('h4', {}, 'Request'),
      h('pre', { 'aria-label': 'Request line' }, `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`),
      headerList(e.requestHeaders),
      reqBody !== null ? h('pre', { 'aria-label': 'Request body' }, reqBody) : h('p', { class: 'empty' }, 'No request body.'),
      h('h4', {}, 'Response ', badge(String(e.status), `s${String(e.status)[0]}`), e.errorCode ? [' ', h('code', {}, e.errorCode)] : ''),
      headerList(e.responseHeaders),
      resBody !== null ? h('pre', { 'aria-label': 'Response body' }, resBody) : h('p', { class: 'empty' }, 'No response body.'),
      h('p', {}, h('a', { href: '#journal' }, 'Close exchange')),
    );
  }
  panel.focus();
}

function closeExchange() {
  if (openSeq === null) return;
  const seq = openSeq;
  openSeq = null;
  $('#exchange').hidden = true;
  $('.split').classList.remove('open');
  renderJournal();
  const link = document.querySelector(`tr[data-seq="${seq}"] a`);
  if (link) link.focus();
}

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && view === 'journal' && openSeq !== null) location.hash = '#journal';
});

// ---------------------------------------------------------------------------
// Audit log and lockouts
// ---------------------------------------------------------------------------

let lastAudit = '';

async function loadAudit() {
  const [{ entries }, lockout] = await Promise.all([api('GET', 'audit'), api('GET', 'lockout')]);
  const text = JSON.stringify([entries, lockout]);
  if (text === lastAudit) return;
  lastAudit = text;
  $('#audit-table tbody').replaceChildren(
    ...(entries.length
      ? [...entries].reverse().map((e) => h('tr', {}, h('td', {}, e.time), h('td', {}, h('code', {}, e.principal ?? '—')), h('td', {}, e.method), h('td', {}, e.reason), h('td', { class: 'path' }, e.route), h('td', {}, e.ip), h('td', {}, e.lockout ? 'yes' : '')))
      : [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No failed authentication.'))]),
  );
  $('#lockouts').replaceChildren(
    h('p', {}, lockout.maxFailures > 0 ? `Lockout after ${lockout.maxFailures} failures within ${lockout.windowSeconds} s, for ${lockout.lockoutSeconds} s.` : 'Lockout is off.'),
    lockout.lockedOut.length
      ? h('div', {}, table('Locked out now', ['Principal', 'Until'], lockout.lockedOut.map((l) => [h('code', {}, l.principal), l.lockedUntil]), ''), h('button', { type: 'button', onclick: liftLockouts }, 'Lift every lockout'))
      : h('p', { class: 'empty' }, 'Nobody is locked out.'),
  );
}

async function liftLockouts() {
  try {
    await api('DELETE', 'lockout');
    announce('Lockouts lifted.');
  } catch (e) {
    showError(e);
  }
  refresh();
}

// ---------------------------------------------------------------------------
// Faults, rate limits, lifecycle delays
// ---------------------------------------------------------------------------

let lastSettings = '';

async function loadSettings(force) {
  const [{ faults }, limits, lifecycle] = await Promise.all([api('GET', 'faults'), api('GET', 'rateLimits'), api('GET', 'lifecycle')]);
  const text = JSON.stringify([faults, limits, lifecycle]);
  if (text === lastSettings && !force) return;
  // Do not overwrite what the person is typing: forms are redrawn only when not focused.
  const editing = document.activeElement && document.activeElement.closest && document.activeElement.closest('#limits-form, #lifecycle-form');
  lastSettings = text;
  $('#faults').replaceChildren(
    table(
      'Faults in force',
      ['Id', 'Method', 'Path', 'Error', 'Latency', 'Remaining', ''],
      faults.map((f) => [String(f.id), f.method || 'any', h('code', {}, f.path), f.errorCode || '—', f.latencyMs !== undefined ? `${f.latencyMs} ms` : '—', f.remaining !== undefined ? String(f.remaining) : '∞', h('button', { type: 'button', onclick: () => removeFault(f.id), 'aria-label': `Remove fault ${f.id}` }, 'Remove')]),
      'No fault injected.',
    ),
    faults.length ? h('button', { type: 'button', onclick: () => removeFault(null) }, 'Remove every fault') : null,
  );
  if (editing && !force) return;
  $('#limits-form').enabled.checked = limits.enabled;
  $('#limits').replaceChildren(
    h(
      'table',
      {},
      h('caption', {}, 'Endpoint sets (tokens per minute)'),
      h('thead', {}, h('tr', {}, ['Endpoint set', 'Scope', 'Capacity', 'Refill'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        Object.entries(limits.endpointSets).map(([id, s]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('code', {}, id)),
            h('td', {}, s.scope),
            h('td', {}, h('input', { type: 'number', min: 1, name: `capacity.${id}`, value: s.capacity, 'aria-label': `Capacity of ${id}` })),
            h('td', {}, h('input', { type: 'number', min: 1, name: `refill.${id}`, value: s.refill, 'aria-label': `Refill of ${id}` })),
          ),
        ),
      ),
    ),
  );
  $('#lifecycle').replaceChildren(
    h(
      'table',
      {},
      h('caption', {}, 'Delays'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Transition'), h('th', { scope: 'col' }, 'Delay'))),
      h(
        'tbody',
        {},
        Object.entries(lifecycle).map(([kind, delay]) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, kind)), h('td', {}, h('input', { name: kind, value: String(delay), size: 8, 'aria-label': `Delay of ${kind}` })))),
      ),
    ),
  );
}

async function removeFault(id) {
  try {
    await api('DELETE', id === null ? 'faults' : `faults/${id}`);
    announce(id === null ? 'Every fault removed.' : `Fault ${id} removed.`);
  } catch (e) {
    showError(e);
  }
  loadSettings(true).catch(showError);
}

$('#fault-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  const body = { path: f.path.value.trim() };
  if (f.method.value) body.method = f.method.value;
  if (f.errorCode.value.trim()) body.errorCode = f.errorCode.value.trim();
  if (f.latencyMs.value) body.latencyMs = Number(f.latencyMs.value);
  if (f.count.value) body.count = Number(f.count.value);
  try {
    const added = await api('POST', 'faults', body);
    announce(`Fault ${added.id} injected.`);
    showError(null);
    f.reset();
  } catch (e) {
    showError(e);
  }
  loadSettings(true).catch(showError);
});

$('#limits-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  const overrides = {};
  for (const input of f.querySelectorAll('input[type=number]')) {
    const [field, id] = input.name.split('.');
    (overrides[id] ||= {})[field] = Number(input.value);
  }
  try {
    await api('PUT', 'rateLimits', { enabled: f.enabled.checked, overrides });
    announce('Rate limits saved.');
    showError(null);
  } catch (e) {
    showError(e);
  }
  loadSettings(true).catch(showError);
});

$('#lifecycle-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const body = {};
  for (const input of ev.target.querySelectorAll('input')) body[input.name] = input.value.trim() === 'manual' ? 'manual' : Number(input.value);
  try {
    await api('PUT', 'lifecycle', body);
    announce('Lifecycle delays saved.');
    showError(null);
  } catch (e) {
    showError(e);
  }
  loadSettings(true).catch(showError);
});

// ---------------------------------------------------------------------------
// Live updates: poll while the page is visible (works on every face, no open stream)
// ---------------------------------------------------------------------------

let busy = false;

async function refresh() {
  if (busy) return;
  busy = true;
  try {
    const work = [loadClock(), loadJournal()];
    if (view === 'resources') work.push(loadInventory());
    if (view === 'audit') work.push(loadAudit());
    if (view === 'settings') work.push(loadSettings(false));
    await Promise.all(work);
    if (errorFromPoll) showError(null);
  } catch (e) {
    showError(e, true);
  } finally {
    busy = false;
  }
}

setInterval(() => {
  if ($('#live').checked && !document.hidden) refresh();
}, POLL_MS);
window.addEventListener('hashchange', route);
route();
