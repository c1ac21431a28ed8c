// Caravan console: reads the same /api as the CLI, with the same token (kept in this tab only).
'use strict';

const state = { token: sessionStorage.getItem('caravan-token') || '', sequence: null, run: null };

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.message || (method + ' ' + path + ': ' + response.status));
  return json;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

const badge = status => el('span', { class: 'badge ' + (status || '') }, status || '—');
const time = text => text ? new Date(text).toLocaleString() : '—';
const duration = ms => ms === null || ms === undefined ? '—' : ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
const schedule = s => !s ? 'on demand' : s.every ? 'every ' + s.every : s.cron + ' (' + s.timezone + ')';

function say(text, error) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = error ? 'error' : '';
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
}

async function action(label, work) {
  try {
    await work();
    say(label);
    await refresh();
  } catch (e) {
    say(e.message, true);
  }
}

async function loadSequences() {
  const sequences = await api('GET', '/api/sequences');
  fill('sequences', sequences.map(s => el('tr', { class: 'clickable' + (state.sequence === s.id ? ' selected' : ''), 'data-sequence': s.id,
      onclick: () => { state.sequence = s.id; state.run = null; refresh(); } },
    el('td', {}, s.id), el('td', {}, schedule(s.schedule)), el('td', {}, String(s.steps)),
    el('td', {}, s.lastRun ? badge(s.lastRun.status) : '—', ' ', s.lastRun ? time(s.lastRun.finishedAt) : ''),
    el('td', {}, el('button', { 'data-action': 'toggle', onclick: e => { e.stopPropagation();
      action((s.enabled ? 'Disabled ' : 'Enabled ') + s.id, () => api('PATCH', '/api/sequences/' + s.id, { enabled: !s.enabled })); } },
      s.enabled ? 'Disable' : 'Enable')),
    el('td', {}, el('button', { 'data-action': 'run', onclick: e => { e.stopPropagation(); state.sequence = s.id;
      action('Started ' + s.id, async () => { state.run = (await api('POST', '/api/sequences/' + s.id + '/runs')).runId; }); } }, 'Run now')))));
}

async function loadRuns() {
  const panel = document.getElementById('sequence-detail');
  panel.hidden = !state.sequence;
  if (!state.sequence) return;
  document.getElementById('detail-name').textContent = state.sequence;
  const page = await api('GET', '/api/sequences/' + state.sequence + '/runs?limit=20');
  if (state.run === null && page.runs.length) state.run = page.runs[0].runId;
  fill('runs', page.runs.map(r => el('tr', { class: 'clickable' + (state.run === r.runId ? ' selected' : ''), 'data-run': r.runId,
      onclick: () => { state.run = r.runId; refresh(); } },
    el('td', {}, '#' + r.runId), el('td', {}, r.trigger), el('td', {}, badge(r.status)), el('td', {}, time(r.startedAt)),
    el('td', {}, duration(r.durationMs)), el('td', {}, r.reason || ''))));
  await loadRun();
}

async function loadRun() {
  const panel = document.getElementById('run-detail');
  panel.hidden = state.run === null;
  if (state.run === null) return;
  const run = await api('GET', '/api/sequence-runs/' + state.run);
  document.getElementById('run-name').textContent = '#' + run.runId + ' ' + run.status;
  const starts = run.steps.filter(s => s.startedAt).map(s => Date.parse(s.startedAt));
  const ends = run.steps.map(s => Date.parse(s.finishedAt || '') || Date.now()).filter(Boolean);
  const from = starts.length ? Math.min(...starts) : 0;
  const span = Math.max(1, (ends.length ? Math.max(...ends) : from) - from);
  document.getElementById('steps').replaceChildren(...run.steps.map(step => {
    const start = step.startedAt ? Date.parse(step.startedAt) : null;
    const end = step.finishedAt ? Date.parse(step.finishedAt) : Date.now();
    const bar = el('div', { class: 'bar ' + step.status, title: step.reason || step.status });
    if (start !== null) {
      bar.style.left = ((start - from) / span * 100) + '%';
      bar.style.width = ((end - start) / span * 100) + '%';
    }
    const rejected = step.rows && step.rows.rejected > 0
      ? el('button', { onclick: () => loadRejections(step.syncRunId) }, step.rows.rejected + ' rejected') : '';
    return el('div', { class: 'step', 'data-step': step.sync },
      el('span', {}, badge(step.status), ' ', step.sync), el('div', { class: 'lane' }, bar),
      el('span', {}, duration(step.durationMs), ' ', rejected));
  }));
}

async function loadSyncs() {
  const syncs = await api('GET', '/api/syncs');
  fill('syncs', syncs.map(s => {
    const b = s.backfill;
    const share = b && b.total ? Math.min(100, b.records / b.total * 100) : b && b.completed ? 100 : 0;
    const fillBar = el('span', {});
    fillBar.style.width = share + '%';
    const progress = b ? el('span', {}, el('span', { class: 'progress', title: b.records + (b.total ? ' of ' + b.total : '') + ' records' }, fillBar),
        ' ', b.completed ? 'done' : b.records + (b.total ? ' / ' + b.total : '')) : '—';
    const rejected = s.lastRun && s.lastRun.rows && s.lastRun.rows.rejected > 0
      ? el('button', { onclick: () => loadRejections(s.lastRun.runId) }, s.lastRun.rows.rejected + ' rejected') : '';
    const held = s.pendingRemoval && !s.pendingRemoval.approvedAt
      ? el('span', { class: 'held', title: 'e.g. ' + JSON.stringify(s.pendingRemoval.sample) },
          s.pendingRemoval.rows + ' removal(s) held (limit ' + s.pendingRemoval.limit + ') ',
          el('button', { onclick: () => action('Approved the removal of ' + s.id, () => api('POST', '/api/syncs/' + s.id + '/removals/approve')) }, 'Approve'), ' ',
          el('button', { onclick: () => action('Rejected the removal of ' + s.id, () => api('POST', '/api/syncs/' + s.id + '/removals/reject')) }, 'Reject'))
      : '';
    return el('tr', { 'data-sync': s.id },
      el('td', {}, s.id), el('td', {}, s.kind), el('td', {}, s.paused ? 'paused' : (s.phase || '—')), el('td', {}, progress),
      el('td', {}, s.lagSeconds === null || s.lagSeconds === undefined ? '—' : s.lagSeconds.toFixed(1) + ' s'),
      el('td', {}, s.lastRun ? badge(s.lastRun.status) : '—', ' ', rejected, held),
      el('td', {}, reconciliation(s.lastRun && s.lastRun.reconciliation)),
      el('td', {}, el('button', { onclick: () => action('Queued ' + s.id, () => api('POST', '/api/syncs/' + s.id + '/runs')) }, 'Run now'), ' ',
        el('button', { onclick: () => action((s.paused ? 'Resumed ' : 'Paused ') + s.id, () => api('POST', '/api/syncs/' + s.id + (s.paused ? '/resume' : '/pause'))) },
          s.paused ? 'Resume' : 'Pause')));
  }));
}

/** The last run's reconciliation in a few words: what a key scan proved, or that a poll was held. */
function reconciliation(r) {
  if (!r) return '—';
  const parts = ['wrote ' + r.rowsWritten];
  if (r.pollHeld) parts.push('poll held (listing shifted)');
  if (r.consistent === false) parts.push('scan inconsistent');
  if (r.consistent === true) parts.push('scan consistent: ' + r.distinctKeys + ' keys, ' + r.removed + ' removed, ' + r.repaired + ' repaired');
  return el('span', { class: 'reconciliation', title: r.result || '' }, parts.join('; '));
}

async function loadRejections(runId) {
  const page = await api('GET', '/api/runs/' + runId + '/rejections?limit=100');
  document.getElementById('rejections-panel').hidden = false;
  document.getElementById('rejections-run').textContent = '#' + runId;
  fill('rejections', page.rejections.map(r => el('tr', {},
    el('td', {}, JSON.stringify(r.key)), el('td', {}, r.operation), el('td', {}, r.status === null ? '—' : String(r.status)), el('td', {}, r.reason))));
}

async function refresh() {
  try {
    await loadSequences();
    await loadRuns();
    await loadSyncs();
    if (document.getElementById('status').className !== 'error') say('Updated ' + new Date().toLocaleTimeString());
  } catch (e) {
    say(e.message, true);
  }
}

document.getElementById('token').value = state.token;
document.getElementById('token-form').addEventListener('submit', e => {
  e.preventDefault();
  state.token = document.getElementById('token').value.trim();
  sessionStorage.setItem('caravan-token', state.token);
  say('');
  refresh();
});
refresh();
setInterval(refresh, 2000);
