'use strict';
// Sluice dashboard: polls /dashboard/data with the key kept in sessionStorage and draws SVG charts.
// Everything from the server is written with textContent or setAttribute, never parsed as markup.
(() => {
  const STORE = 'sluice.dashboard.key';
  const REFRESH_MS = 5000;
  const PALETTE = ['#2f6fdf', '#e0752d', '#2a9d6f', '#b5458f', '#7a5cd6', '#c9a227', '#1f9bb8', '#8a6a4f'];
  const PERCENTILES = [['latency_p50_ms', 'p50', '#2a9d6f'], ['latency_p95_ms', 'p95', '#e0752d'],
    ['latency_p99_ms', 'p99', '#c0392b']];
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  let timer = null;
  let updates = 0;
  let generation = 0;

  // The key may arrive in the fragment (never sent to the server); it moves to sessionStorage and
  // leaves the address bar and the history at once.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('key')) {
    sessionStorage.setItem(STORE, fragment.get('key'));
  }
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }

  function el(parent, tag, attrs, text) {
    const node = document.createElementNS(parent.namespaceURI === SVG || tag === 'svg' ? SVG : parent.namespaceURI, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      node.setAttribute(name, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    parent.appendChild(node);
    return node;
  }

  function dollars(micros) {
    const sign = micros < 0 ? '-' : '';
    const abs = Math.abs(micros);
    let cents = String(abs % 1000000).padStart(6, '0').replace(/0+$/, '');
    cents = cents.padEnd(2, '0');
    return sign + '$' + Math.floor(abs / 1000000).toLocaleString('en-US') + '.' + cents;
  }

  function millis(ms) {
    if (ms === null || ms === undefined) {
      return '–';
    }
    return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : (ms >= 10 ? Math.round(ms) : ms.toFixed(1)) + ' ms';
  }

  const percent = (rate) => rate === null ? '–' : (rate * 100).toFixed(1) + ' %';
  const clock = (iso) => iso.slice(11, 16);

  function niceMax(value) {
    const scale = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
    return [1, 2, 5, 10].map((m) => m * scale).find((m) => m >= value);
  }

  // A line per entry of `lines` ({name, color, values, attrs}) over the minutes; gaps where a value is null.
  function lineChart(svg, minutes, lines, format) {
    svg.replaceChildren();
    const [w, h, left, right, top, bottom] = [600, 240, 56, 10, 10, 26];
    const max = niceMax(Math.max(0, ...lines.flatMap((l) => l.values.filter((v) => v !== null))));
    const x = (i) => left + (minutes.length === 1 ? (w - left - right) / 2 : i * (w - left - right) / (minutes.length - 1));
    const y = (v) => h - bottom - v / max * (h - top - bottom);
    for (let k = 0; k <= 4; k++) {
      el(svg, 'line', {class: 'grid', x1: left, x2: w - right, y1: y(max * k / 4), y2: y(max * k / 4)});
      el(svg, 'text', {x: left - 6, y: y(max * k / 4) + 4, 'text-anchor': 'end'}, k === 0 ? '0' : format(max * k / 4));
    }
    [[0, 'start'], [Math.floor((minutes.length - 1) / 2), 'middle'], [minutes.length - 1, 'end']].forEach(([i, anchor]) =>
      el(svg, 'text', {x: x(i), y: h - 8, 'text-anchor': minutes.length === 1 ? 'middle' : anchor}, clock(minutes[i])));
    for (const line of lines) {
      let d = '';
      line.values.forEach((v, i) => {
        if (v !== null) {
          d += (i > 0 && line.values[i - 1] !== null ? ' L' : ' M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
        }
      });
      el(svg, 'path', Object.assign({class: 'line', d: d.trim() || 'M0 0', stroke: line.color}, line.attrs));
      line.values.forEach((v, i) => {
        if (v !== null && (line.values[i - 1] ?? null) === null && (line.values[i + 1] ?? null) === null) {
          el(svg, 'circle', {cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2.5, fill: line.color});
        }
      });
    }
  }

  function legend(box, lines) {
    box.replaceChildren();
    for (const line of lines) {
      const item = el(box, 'span', {});
      el(el(item, 'svg', {width: 10, height: 10}), 'rect', {width: 10, height: 10, rx: 2, fill: line.color});
      item.appendChild(document.createTextNode(line.name));
    }
  }

  // Horizontal bars of spend, one per row ({label, micros, attrs}), longest first.
  function barChart(svg, rows) {
    svg.replaceChildren();
    const sorted = rows.slice().sort((a, b) => b.micros - a.micros);
    const max = Math.max(1, ...sorted.map((r) => r.micros));
    const [left, right, rowHeight] = [150, 110, 26];
    svg.setAttribute('viewBox', '0 0 600 ' + Math.max(30, sorted.length * rowHeight + 6));
    sorted.forEach((row, i) => {
      const top = 4 + i * rowHeight;
      el(svg, 'text', {class: 'name', x: left - 8, y: top + 15, 'text-anchor': 'end'}, row.label);
      el(svg, 'rect', Object.assign({class: 'bar', x: left, y: top + 2, height: rowHeight - 8, rx: 3,
        width: Math.max(1, row.micros / max * (600 - left - right)).toFixed(1),
        fill: PALETTE[i % PALETTE.length], 'data-cost-micros': row.micros}, row.attrs));
      el(svg, 'text', {class: 'amount', x: 600 - right + 6, y: top + 15}, dollars(row.micros));
    });
    if (sorted.length === 0) {
      el(svg, 'text', {x: 300, y: 18, 'text-anchor': 'middle'}, 'No spend in this range');
    }
  }

  function render(data) {
    const t = data.totals;
    $('total-requests').textContent = t.requests.toLocaleString('en-US');
    $('rate').textContent = (t.requests / data.minutes.length).toFixed(1);
    $('total-errors').textContent = t.errors.toLocaleString('en-US') + ' · ' + t.rejections.toLocaleString('en-US');
    $('total-latency').textContent = [t.latency_p50_ms, t.latency_p95_ms, t.latency_p99_ms].map(millis).join(' · ');
    $('total-ttft').textContent = [t.ttft_p50_ms, t.ttft_p95_ms].map(millis).join(' · ');
    $('total-spend').textContent = dollars(t.cost_micros);
    $('total-spend').setAttribute('data-cost-micros', t.cost_micros);
    $('cache-rate').textContent = percent(t.cache_hit_rate);

    const slot = new Map(data.minutes.map((m, i) => [m, i]));
    const perTenant = new Map();
    for (const s of data.series) {
      const values = perTenant.get(s.tenant) || data.minutes.map(() => 0);
      s.points.forEach((p) => { values[slot.get(p.minute)] += p.requests; });
      perTenant.set(s.tenant, values);
    }
    const rateLines = [...perTenant.entries()].map(([tenant, values], i) => ({name: tenant, values,
      color: PALETTE[i % PALETTE.length], attrs: {'data-tenant': tenant, 'data-requests': values.reduce((a, b) => a + b, 0)}}));
    lineChart($('rate-chart'), data.minutes, rateLines, (v) => String(Math.round(v)));
    legend($('rate-legend'), rateLines);

    const latencyLines = PERCENTILES.map(([field, name, color]) => ({name, color,
      values: data.timeline.map((m) => m[field]), attrs: {'data-percentile': name}}));
    lineChart($('latency-chart'), data.minutes, latencyLines, (v) => millis(v));
    legend($('latency-legend'), latencyLines);

    barChart($('tenant-spend'), data.tenants.map((g) => ({label: g.tenant, micros: g.cost_micros, attrs: {'data-tenant': g.tenant}})));
    barChart($('model-spend'), data.models.map((g) => ({label: g.model, micros: g.cost_micros, attrs: {'data-model': g.model}})));

    const body = $('series').tBodies[0];
    body.replaceChildren();
    for (const s of data.series) {
      const row = el(body, 'tr', {'data-tenant': s.tenant, 'data-model': s.model});
      const v = s.totals;
      [s.tenant, s.model, v.requests, v.errors, v.rejections, millis(v.latency_p50_ms), millis(v.latency_p95_ms),
        millis(v.latency_p99_ms), millis(v.ttft_p50_ms), millis(v.ttft_p95_ms), dollars(v.cost_micros),
        percent(v.cache_hit_rate)].forEach((text) => el(row, 'td', {}, String(text)));
    }
  }

  function status(state, text) {
    document.body.setAttribute('data-state', state);
    $('status').textContent = text;
  }

  async function refresh() {
    clearTimeout(timer);
    const run = ++generation;
    const key = sessionStorage.getItem(STORE);
    if (!key) {
      status('no-key', 'Enter an API key: an admin key shows every tenant, a tenant key its own.');
      return;
    }
    const minutes = $('minutes').value;
    try {
      const response = await fetch('/dashboard/data' + (minutes ? '?minutes=' + minutes : ''),
        {headers: {Authorization: 'Bearer ' + key}, cache: 'no-store', credentials: 'omit'});
      const body = await response.json();
      if (run !== generation) {
        return;
      }
      if (!response.ok) {
        status('error', (body.error && body.error.message) || ('HTTP ' + response.status));
        if (response.status === 401 || response.status === 403) {
          return;
        }
      } else {
        render(body);
        updates += 1;
        document.body.setAttribute('data-updates', updates);
        status('ready', (body.tenant ? 'Tenant ' + body.tenant : 'All tenants') + ' · updated '
          + body.generated_at.slice(11, 19) + ' UTC · every ' + REFRESH_MS / 1000 + ' s');
      }
    } catch (e) {
      if (run !== generation) {
        return;
      }
      status('error', 'Cannot reach the gateway: ' + e.message);
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    $('key').value = '';
    if (key) {
      sessionStorage.setItem(STORE, key);
      refresh();
    }
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(STORE);
    clearTimeout(timer);
    refresh();
  });
  $('minutes').addEventListener('change', refresh);
  refresh();
})();
