// Setlist operations dashboard. Fetches the admin JSON routes (/v1/admin/dashboard/*, documented in /openapi.json)
// with the admin key as a Bearer header and draws every chart as inline SVG. The key lives in sessionStorage only.
// Data is always inserted as text (textContent / SVG text nodes), never as markup.
'use strict';
(() => {
  const KEY = 'setlist.adminKey';
  const SVGNS = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#1f5fbf', '#d95f02', '#1b7f3b', '#7b3294', '#8c6d1f', '#c51b7d', '#4d4d4d', '#0f8b8d'];
  const DASHES = ['', '7 3', '2 3', '9 3 2 3', '4 4', '12 4', '1 3', '6 2 2 2'];
  const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'circle', 'square', 'triangle'];
  const cache = {};
  const view = { by: 'day', kind: 'exact' };

  // ---------- small DOM helpers ----------
  function html(tag, attrs, parent, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  function svg(tag, attrs, parent, text) {
    const e = document.createElementNS(SVGNS, tag);
    if (tag === 'text' && !(attrs && attrs.fill)) e.setAttribute('fill', '#1d2330');
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  const pct = (v, digits = 1) => (v === null || v === undefined) ? 'n/a' : (100 * v).toFixed(digits) + '%';
  const num = (v, digits = 3) => (v === null || v === undefined) ? 'n/a' : Number(v).toFixed(digits);
  const int = v => (v === null || v === undefined) ? 'n/a' : Number(v).toLocaleString('en-US');
  function bytes(b) {
    if (b === 0) return '0';
    if (b >= 1024 ** 3) return (b / 1024 ** 3).toFixed(2) + ' GiB';
    if (b >= 1024 ** 2) return (b / 1024 ** 2).toFixed(1) + ' MiB';
    return (b / 1024).toFixed(0) + ' KiB';
  }
  function ticks(lo, hi, n) {
    if (hi <= lo) hi = lo + 1;
    const raw = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(+t.toFixed(10));
    return out;
  }

  // ---------- charts ----------
  /** A figure: title, an SVG sized to the container's current width (redrawn on resize), and a legend. */
  function figure(parent, title, kind, heightRatio, minHeight) {
    const fig = html('figure', { class: 'chart', 'data-chart': kind }, parent);
    fig.style.margin = '0';
    html('figcaption', { class: 'chart-title' }, fig, title);
    const width = Math.max(260, parent.clientWidth ? Math.min(parent.clientWidth, fig.clientWidth || 9999) : 560);
    const height = Math.round(Math.max(minHeight || 180, Math.min(340, width * heightRatio)));
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title }, fig);
    svg('title', {}, root, title);
    return { fig, root, width, height };
  }
  function marker(parent, shape, x, y, colour) {
    const a = { class: 'marker', fill: colour, stroke: colour };
    switch (shape) {
      case 'square': return svg('rect', { ...a, x: x - 3.5, y: y - 3.5, width: 7, height: 7 }, parent);
      case 'triangle': return svg('path', { ...a, d: `M${x},${y - 4.5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z` }, parent);
      case 'diamond': return svg('path', { ...a, d: `M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z` }, parent);
      case 'cross': return svg('path', { ...a, fill: 'none', 'stroke-width': 2, d: `M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}` }, parent);
      default: return svg('circle', { ...a, cx: x, cy: y, r: 3.5 }, parent);
    }
  }
  function legend(parent, items) {
    const box = html('div', { class: 'legend' }, parent);
    items.forEach((it, i) => {
      const span = html('span', {}, box);
      const sw = svg('svg', { viewBox: '0 0 28 12', width: 28, height: 12, 'aria-hidden': 'true' }, span);
      if (it.fill) {
        svg('rect', { x: 2, y: 1, width: 24, height: 10, fill: it.fill, stroke: '#333' }, sw);
      } else {
        svg('line', { x1: 1, y1: 6, x2: 27, y2: 6, stroke: COLOURS[i % 8], 'stroke-width': 2, 'stroke-dasharray': DASHES[i % 8] }, sw);
        marker(sw, MARKERS[i % 8], 14, 6, COLOURS[i % 8]);
      }
      span.appendChild(document.createTextNode(' ' + it.name));
    });
  }
  /** Axes of an x/y plot; returns scale functions. */
  function axes(f, o) {
    const m = { l: 56, r: o.rightMargin || 16, t: 10, b: 42 };
    const [x0, x1] = o.x, [y0, y1] = o.y;
    const X = v => m.l + (v - x0) / (x1 - x0 || 1) * (f.width - m.l - m.r);
    const Y = v => f.height - m.b - (v - y0) / (y1 - y0 || 1) * (f.height - m.t - m.b);
    const g = svg('g', { class: 'axis' }, f.root);
    for (const t of ticks(y0, y1, 5)) {
      svg('line', { class: 'grid', x1: m.l, x2: f.width - m.r, y1: Y(t), y2: Y(t) }, g);
      svg('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end' }, g, o.yFormat ? o.yFormat(t) : t);
    }
    const xt = o.xTicks || ticks(x0, x1, Math.max(2, Math.floor((f.width - m.l - m.r) / 70)));
    for (const t of xt) {
      svg('line', { x1: X(t), x2: X(t), y1: f.height - m.b, y2: f.height - m.b + 4 }, g);
      svg('text', { x: X(t), y: f.height - m.b + 16, 'text-anchor': 'middle' }, g, o.xFormat ? o.xFormat(t) : t);
    }
    svg('line', { x1: m.l, x2: f.width - m.r, y1: f.height - m.b, y2: f.height - m.b }, g);
    svg('line', { x1: m.l, x2: m.l, y1: m.t, y2: f.height - m.b }, g);
    svg('text', { class: 'axis-label', x: (m.l + f.width - m.r) / 2, y: f.height - 6, 'text-anchor': 'middle' }, g, o.xLabel);
    svg('text', { class: 'axis-label', x: 12, y: (m.t + f.height - m.b) / 2, 'text-anchor': 'middle',
      transform: `rotate(-90 12 ${(m.t + f.height - m.b) / 2})` }, g, o.yLabel);
    return { X, Y, m };
  }
  /** Lines with a distinct dash and marker per series, the series name written at its last point. */
  function lineChart(parent, o) {
    const f = figure(parent, o.title, 'line', 0.5, 200);
    const longest = Math.max(0, ...o.series.map(s => (s.label || s.name).length),
      ...(o.thresholds || []).map(t => t.label.length));
    const { X, Y, m } = axes(f, { ...o, rightMargin: o.endLabels === false ? 16 : Math.min(170, 14 + 6.5 * longest) });
    for (const t of o.thresholds || []) {
      svg('line', { class: t.reference ? 'reference' : 'threshold', x1: m.l, x2: f.width - m.r, y1: Y(t.y), y2: Y(t.y) }, f.root);
      svg('text', { x: f.width - m.r + 4, y: Y(t.y) + 4, class: 'threshold-label' }, f.root, t.label);
    }
    for (const r of o.diagonal ? [1] : []) {
      svg('line', { class: 'reference', x1: X(o.x[0]), y1: Y(o.y[0]), x2: X(o.x[1]), y2: Y(o.y[1]) }, f.root);
    }
    const ends = [];
    o.series.forEach((s, i) => {
      const pts = s.points.filter(p => p[1] !== null && p[1] !== undefined && isFinite(p[1]));
      if (!pts.length) return;
      const colour = COLOURS[i % 8];
      svg('path', { class: 'series', fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': DASHES[i % 8],
        d: pts.map((p, k) => (k ? 'L' : 'M') + X(p[0]).toFixed(1) + ',' + Y(p[1]).toFixed(1)).join('') }, f.root);
      const every = Math.max(1, Math.ceil(pts.length / (o.maxMarkers || 30)));
      pts.forEach((p, k) => {
        if (k % every === 0 || k === pts.length - 1) {
          const mk = marker(f.root, MARKERS[i % 8], X(p[0]), Y(p[1]), colour);
          svg('title', {}, mk, `${s.name}: ${o.xFormat ? o.xFormat(p[0]) : p[0]} → ${o.yFormat ? o.yFormat(p[1]) : p[1]}`);
        }
      });
      if (o.endLabels !== false) {
        const last = pts[pts.length - 1];
        ends.push({ x: X(last[0]) + 6, y: Y(last[1]) + 4, colour, text: s.label || s.name });
      }
    });
    // Series names at their last points, pushed apart vertically so that none overlaps another.
    ends.sort((a, b) => a.y - b.y);
    ends.forEach((e, k) => {
      if (k > 0 && e.y - ends[k - 1].y < 12) e.y = ends[k - 1].y + 12;
      svg('text', { class: 'end-label', x: e.x, y: e.y, fill: e.colour }, f.root, e.text);
    });
    legend(f.fig, o.series.map(s => ({ name: s.name })));
    return f;
  }
  /** Horizontal bars, each with its value written beside it; optional outline (capacity) and threshold line. */
  function barChart(parent, o) {
    const rowH = 24;
    const f = figure(parent, o.title, 'bar', 0, 52 + rowH * o.bars.length);
    const labelW = Math.min(170, Math.max(70, 7 * Math.max(...o.bars.map(b => b.label.length))));
    const m = { l: labelW, r: 16, t: 6, b: 38 };
    const max = o.max || Math.max(1e-9, ...o.bars.map(b => Math.max(b.value, b.outline || 0)), o.threshold || 0);
    const W = v => v / max * (f.width - m.l - m.r);
    o.bars.forEach((b, i) => {
      const y = m.t + i * rowH;
      svg('text', { x: m.l - 6, y: y + 15, 'text-anchor': 'end' }, f.root, b.label);
      if (b.outline) svg('rect', { class: 'capacity', x: m.l, y: y + 3, width: W(b.outline), height: rowH - 8, fill: 'none', stroke: '#333', 'stroke-dasharray': '3 2' }, f.root);
      const bar = svg('rect', { class: 'bar', x: m.l, y: y + 3, width: Math.max(1, W(b.value)), height: rowH - 8,
        fill: b.alert ? 'url(#hatch)' : (o.colour || COLOURS[0]) }, f.root);
      svg('title', {}, bar, `${b.label}: ${b.text}`);
      let end = b.value;
      if (b.range) {
        // An interval: a whisker from its low to its high end, with caps.
        const cy = y + rowH / 2 - 1, lo = m.l + W(b.range[0]), hi = m.l + W(b.range[1]);
        svg('line', { class: 'interval', x1: lo, x2: hi, y1: cy, y2: cy, stroke: '#1d2330', 'stroke-width': 2 }, f.root);
        for (const x of [lo, hi]) svg('line', { x1: x, x2: x, y1: cy - 6, y2: cy + 6, stroke: '#1d2330', 'stroke-width': 2 }, f.root);
        end = Math.max(end, b.range[1]);
      }
      const tx = Math.min(m.l + W(end) + 4, f.width - m.r - 4);
      const inside = m.l + W(end) + 4 + 7 * b.text.length > f.width - m.r;
      svg('text', { class: 'value', x: inside ? f.width - m.r - 4 : tx, y: y + 15, 'text-anchor': inside ? 'end' : 'start',
        fill: inside && !b.alert ? '#fff' : '#1d2330' }, f.root, b.text);
    });
    hatchDefs(f.root);
    if (o.threshold) {
      const tx = m.l + W(o.threshold), ty = m.t + rowH * o.bars.length + 2;
      svg('line', { class: 'threshold', x1: tx, x2: tx, y1: 2, y2: ty }, f.root);
      svg('text', { class: 'threshold-label', x: tx + 3, y: 10, fill: '#b3261e' }, f.root, o.thresholdLabel);
    }
    const axisY = m.t + rowH * o.bars.length + 2;
    svg('line', { class: 'bar-axis', x1: m.l, x2: f.width - m.r, y1: axisY, y2: axisY, stroke: '#5b6475' }, f.root);
    const unit = o.unit || 1;
    for (const t of ticks(0, max / unit, Math.max(2, Math.floor((f.width - m.l - m.r) / 90))).map(v => v * unit)) {
      if (t > max) continue;
      svg('line', { x1: m.l + W(t), x2: m.l + W(t), y1: axisY, y2: axisY + 4, stroke: '#5b6475' }, f.root);
      svg('text', { class: 'tick', x: m.l + W(t), y: axisY + 15, 'text-anchor': 'middle' }, f.root, o.xFormat ? o.xFormat(t) : t);
    }
    svg('text', { class: 'axis-label', x: (m.l + f.width - m.r) / 2, y: f.height - 4, 'text-anchor': 'middle' }, f.root, o.xLabel);
    return f;
  }
  function hatchDefs(root) {
    const defs = svg('defs', {}, root);
    const p = svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
    svg('rect', { width: 6, height: 6, fill: '#f3c7c3' }, p);
    svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#b3261e', 'stroke-width': 3 }, p);
  }

  // ---------- API ----------
  async function api(path) {
    const key = sessionStorage.getItem(KEY);
    if (!key) throw Object.assign(new Error('not signed in'), { status: 401 });
    const r = await fetch(path, { headers: { Authorization: 'Bearer ' + key }, credentials: 'omit', cache: 'no-store' });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw Object.assign(new Error(body.message || ('HTTP ' + r.status)), { status: r.status });
    return body;
  }
  function panelBody(id) {
    const body = document.querySelector(`#${id} .body`);
    body.replaceChildren();
    return body;
  }
  async function load(id, path, draw) {
    const section = document.getElementById(id);
    section.dataset.state = 'loading';
    try {
      cache[id] = await api(path);
      draw(panelBody(id), cache[id]);
      section.dataset.state = 'ready';
    } catch (e) {
      if (e.status === 401 || e.status === 403) return signOut('The key was refused (' + e.status + '): ' + e.message);
      html('p', { class: 'error' }, panelBody(id), 'Could not load: ' + e.message);
      section.dataset.state = 'error';
    }
  }

  // ---------- panels ----------
  function drawRuns(body, d) {
    const p = html('p', { class: 'current' }, body);
    if (d.current) {
      html('span', { class: 'badge ' + (d.current.stale ? 'bad' : 'ok') }, p, d.current.stale ? 'STALE' : 'FRESH');
      p.appendChild(document.createTextNode(` Published run ${d.current.runId} (business date ${d.current.businessDate}, `
        + `${int(d.current.users)} users): ${d.current.ageHours.toFixed(1)} h old, limit ${d.maxRunAgeHours} h (SETLIST_MAX_RUN_AGE_HOURS).`));
    } else {
      p.textContent = 'No run has been published yet.';
    }
    if (!d.dates.length) { html('p', { class: 'note' }, body, 'The run ledger is empty.'); return; }
    const charts = html('div', { class: 'charts' }, body);
    const jobs = d.jobs.filter(j => d.dates.some(x => x.stages.some(s => s.job === j)));
    const dates = d.dates.slice().reverse();
    if (dates.length > 1) lineChart(html('div', {}, charts), {
      title: 'Stage duration by business date', xLabel: 'business date (month-day)', yLabel: 'duration (s)',
      x: [0, Math.max(1, dates.length - 1)], y: [0, Math.max(1, ...d.dates.flatMap(x => x.stages.map(s => s.seconds || 0))) * 1.1],
      xTicks: dates.map((_, i) => i).filter((i, _, a) => a.length < 8 || i % Math.ceil(a.length / 6) === 0),
      xFormat: i => (dates[i] ? dates[i].businessDate.slice(5) : ''), yFormat: v => v + ' s',
      series: jobs.map(j => ({ name: j, points: dates.map((x, i) => { const s = x.stages.find(s => s.job === j); return [i, s ? s.seconds : null]; }) }))
    });
    const newest = d.dates[0];
    barChart(html('div', {}, charts), {
      title: `Stages of ${newest.businessDate}: duration (failed stages hatched)`, xLabel: 'duration (s)', xFormat: v => v + ' s',
      bars: newest.stages.map(s => ({ label: s.job, value: s.seconds || 0, alert: s.status !== 'SUCCEEDED',
        text: `${s.status === 'SUCCEEDED' ? '✓' : s.status === 'FAILED' ? '✗ FAILED' : '… RUNNING'} ${s.seconds === null || s.seconds === undefined ? '' : s.seconds.toFixed(1) + ' s'}` }))
    });
    const wrap = html('div', { class: 'scroll' }, body);
    const table = html('table', { class: 'runs' }, wrap);
    const head = html('tr', {}, html('thead', {}, table));
    html('th', {}, head, 'date');
    jobs.forEach(j => html('th', {}, head, j));
    const tb = html('tbody', {}, table);
    for (const day of d.dates) {
      const tr = html('tr', {}, tb);
      html('th', {}, tr, day.businessDate);
      for (const j of jobs) {
        const s = day.stages.find(s => s.job === j);
        const td = html('td', {}, tr);
        if (!s) { td.textContent = '—'; continue; }
        const mark = s.status === 'SUCCEEDED' ? '✓ ' : s.status === 'FAILED' ? '✗ ' : '… ';
        html('div', { class: 'status-' + s.status }, td, mark + s.status.toLowerCase());
        html('div', {}, td, `${s.seconds === null || s.seconds === undefined ? '' : s.seconds.toFixed(1) + ' s · '}${int(s.rowsOut)} rows`);
        if (s.retries > 0) html('div', { class: 'status-RUNNING' }, td, `retries: ${s.retries}`);
        if (s.error) html('div', { class: 'error' }, td, s.error.length > 120 ? s.error.slice(0, 120) + '…' : s.error).title = s.error;
        if (s.summary) td.title = s.summary;
      }
    }
  }

  function drawRetention(body) {
    const d = cache['retention-' + view.by], days = cache['retention-day'];
    if (!d || !days) return;
    if (!d.cohorts.length) { html('p', { class: 'note' }, body, 'No cohorts in the retention rollups yet.'); return; }
    const rate = (c, p) => (view.kind === 'exact' ? c.exactRate : c.rollingRate)[p];
    // Heatmap: a cohort per row, a period per column; the value is written in every cell wide enough for it.
    const f = figure(body, `Cohort retention, ${view.kind === 'exact' ? 'classic' : 'rolling'}, ${view.by} cohorts `
      + `(% of the cohort active in period n${view.kind === 'exact' ? '' : ' or later'})`, 'heatmap', 0, 60 + 18 * d.cohorts.length);
    const m = { l: 128, r: 8, t: 6, b: 36 };
    const cw = (f.width - m.l - m.r) / d.periods, ch = 18;
    const max = Math.max(0.01, ...d.cohorts.flatMap(c => c.exactRate.concat(c.rollingRate)));
    d.cohorts.forEach((c, r) => {
      const y = m.t + r * ch;
      svg('text', { x: m.l - 4, y: y + 13, 'text-anchor': 'end' }, f.root, `${c.start} (${int(c.size)})`);
      for (let p = 0; p < d.periods; p++) {
        const x = m.l + p * cw;
        if (p >= c.observed) {
          svg('rect', { class: 'cell pending', x, y, width: cw - 1, height: ch - 1, fill: '#f4f4f4' }, f.root);
          continue;
        }
        const v = rate(c, p), shade = Math.round(235 - 200 * v / max);
        const cell = svg('rect', { class: 'cell', x, y, width: cw - 1, height: ch - 1, fill: `rgb(${shade},${Math.round(shade * 0.9 + 20)},255)` }, f.root);
        svg('title', {}, cell, `${c.start}, ${view.by} ${p + 1}: ${pct(v)}`);
        if (cw >= 24) svg('text', { class: 'cell-value', x: x + cw / 2, y: y + 13, 'text-anchor': 'middle', fill: shade < 140 ? '#fff' : '#1d2330' }, f.root, (100 * v).toFixed(0));
      }
    });
    for (let p = 0; p < d.periods; p += (cw < 18 ? 5 : 1)) {
      svg('text', { x: m.l + p * cw + cw / 2, y: f.height - m.b + 14, 'text-anchor': 'middle' }, f.root, p + 1);
    }
    svg('text', { class: 'axis-label', x: (m.l + f.width) / 2, y: f.height - 4, 'text-anchor': 'middle' }, f.root,
      `${view.by}s after install (cell values in %; grey = not yet observed)`);
    svg('text', { class: 'axis-label', x: 4, y: f.height - 4 }, f.root, 'cohort (users)');
    // Day-1..7 lines of the newest day cohorts that have at least day 1.
    const recent = days.cohorts.filter(c => c.observed >= 1).slice(-6);
    lineChart(body, {
      title: `Day 1-7 retention of the ${recent.length} newest install cohorts (${view.kind === 'exact' ? 'classic' : 'rolling'})`,
      xLabel: 'days after install', yLabel: 'retained (% of cohort)', x: [1, 7], xTicks: [1, 2, 3, 4, 5, 6, 7],
      y: [0, Math.max(0.05, ...recent.flatMap(c => (view.kind === 'exact' ? c.exactRate : c.rollingRate).slice(0, 7))) * 1.1],
      yFormat: v => pct(v, 0),
      series: recent.map(c => ({ name: c.start.slice(5), points: [1, 2, 3, 4, 5, 6, 7].filter(n => n <= c.observed)
        .map(n => [n, (view.kind === 'exact' ? c.exactRate : c.rollingRate)[n - 1]]) }))
    });
  }

  function drawModels(body, d) {
    if (!d.versions.length) {
      html('p', { class: 'note' }, body, 'No completion model registered yet: ./setlist models train (rates are used until one wins).');
    } else {
      html('p', {}, body, d.champion ? `Champion: ${d.model} v${d.champion}.` : 'No champion yet.');
      const wrap = html('div', { class: 'scroll' }, body);
      const t = html('table', { class: 'versions' }, wrap);
      const hr = html('tr', {}, html('thead', {}, t));
      ['version', 'algorithm', 'rows', 'accuracy', 'bal. acc.', 'AUC', 'log-loss', 'Brier', 'created', 'changelog']
        .forEach((h, i) => html('th', { class: i > 1 && i < 8 ? 'num' : '' }, hr, h));
      const tb = html('tbody', {}, t);
      for (const v of d.versions) {
        const tr = html('tr', {}, tb);
        html('td', {}, tr, `v${v.version}${v.champion ? ' ★ champion' : ''}`);
        html('td', {}, tr, v.algorithm);
        [int(v.rows), pct(v.accuracy), pct(v.balancedAccuracy), num(v.auc), num(v.logLoss, 4), num(v.brier, 4)]
          .forEach(x => html('td', { class: 'num' }, tr, x));
        html('td', {}, tr, v.createdAt.slice(0, 16).replace('T', ' '));
        html('td', {}, tr, v.changelog);
      }
    }
    if (d.curves.length) {
      const charts = html('div', { class: 'charts' }, body);
      const name = c => `${c.role} v${c.version}`;
      lineChart(html('div', {}, charts), {
        title: 'Calibration on each version\'s evaluation window', xLabel: 'mean predicted P(complete)', yLabel: 'observed completion rate',
        x: [0, 1], y: [0, 1], diagonal: true, xFormat: v => pct(v, 0), yFormat: v => pct(v, 0),
        series: d.curves.map(c => ({ name: name(c), points: c.calibration.filter(b => b.rows > 0).map(b => [b.meanPredicted, b.observedRate]) }))
      });
      lineChart(html('div', {}, charts), {
        title: 'ROC curve (dotted diagonal = chance)', xLabel: 'false-positive rate', yLabel: 'true-positive rate',
        x: [0, 1], y: [0, 1], diagonal: true, xFormat: v => pct(v, 0), yFormat: v => pct(v, 0), maxMarkers: 12,
        series: d.curves.map(c => ({ name: `${name(c)}: AUC ${num(c.auc)}`, label: name(c), points: c.fpr.map((x, i) => [x, c.tpr[i]]) }))
      });
    }
    html('h3', {}, body, 'A/B report (served predictions joined to what happened)');
    if (!d.ab.length) {
      html('p', { class: 'note' }, body, 'No served predictions yet (POST /v1/predictions logs them).');
      return;
    }
    const observed = d.ab.filter(r => r.accuracy !== null && r.accuracy !== undefined);
    if (observed.length) {
      barChart(body, {
        title: 'Accuracy per variant (bar) with its 95% Wilson interval (whisker)', xLabel: 'accuracy at the model threshold', max: 1, xFormat: v => pct(v, 0),
        bars: observed.map(r => ({ label: r.variant || 'named model', value: r.accuracy, range: [r.accuracyLow95, r.accuracyHigh95],
          text: `${pct(r.accuracy)} [${pct(r.accuracyLow95)}, ${pct(r.accuracyHigh95)}] of ${int(r.observed)}` }))
      });
    }
    const t = html('table', { class: 'ab' }, html('div', { class: 'scroll' }, body));
    const hr = html('tr', {}, html('thead', {}, t));
    ['variant', 'versions', 'served', 'observed', 'accuracy', '95% interval', 'log-loss', 'AUC'].forEach(h => html('th', {}, hr, h));
    const tb = html('tbody', {}, t);
    for (const r of d.ab) {
      const tr = html('tr', {}, tb);
      [r.variant || '(named model)', r.versions, int(r.served), int(r.observed), pct(r.accuracy),
        `${pct(r.accuracyLow95)} – ${pct(r.accuracyHigh95)}`, num(r.logLoss, 4), num(r.auc)].forEach(x => html('td', {}, tr, x));
    }
  }

  function drawDrift(body, d) {
    if (!d.dates.length) { html('p', { class: 'note' }, body, 'No drift figures yet: the completion stage records them.'); return; }
    const newest = d.dates[d.dates.length - 1];
    const measured = d.features.filter(f => newest.psi[f] !== undefined).sort((a, b) => newest.psi[b] - newest.psi[a]);
    const shown = measured.slice(0, 12);
    barChart(body, {
      title: `PSI per feature on ${newest.businessDate}: the ${shown.length} largest of ${measured.length} `
        + '(last week vs the weeks before; hatched = above the alert line)',
      xLabel: 'population stability index (unitless)', threshold: d.psiAlert, thresholdLabel: `alert ${d.psiAlert}`,
      xFormat: v => v.toFixed(2),
      bars: shown.map(f => ({ label: f, value: newest.psi[f],
        alert: newest.psi[f] > d.psiAlert, text: num(newest.psi[f]) + (newest.psi[f] > d.psiAlert ? ' ▲ shift' : '') }))
    });
    const idx = d.dates.map((_, i) => i);
    const fmt = i => (d.dates[i] ? d.dates[i].businessDate.slice(5) : '');
    const xt = idx.filter(i => idx.length < 8 || i % Math.ceil(idx.length / 6) === 0);
    lineChart(body, {
      title: 'New-vs-old classifier AUC by business date (0.5 = no drift)', xLabel: 'business date', yLabel: 'AUC',
      x: [0, Math.max(1, idx.length - 1)], y: [0.4, Math.max(d.aucAlert, ...d.dates.map(x => x.auc || 0)) + 0.05], xTicks: xt, xFormat: fmt,
      yFormat: v => v.toFixed(2),
      thresholds: [{ y: d.aucAlert, label: `alert ${d.aucAlert}` }, { y: 0.5, label: 'chance', reference: true }],
      series: [{ name: 'AUC', points: d.dates.map((x, i) => [i, x.auc]) }]
    });
    lineChart(body, {
      title: 'Largest PSI of any feature by business date', xLabel: 'business date', yLabel: 'PSI',
      x: [0, Math.max(1, idx.length - 1)], y: [0, Math.max(d.psiAlert, ...d.dates.map(x => x.psiMax || 0)) * 1.1], xTicks: xt, xFormat: fmt,
      yFormat: v => v.toFixed(2), thresholds: [{ y: d.psiAlert, label: `alert ${d.psiAlert}` }],
      series: [{ name: 'max PSI', points: d.dates.map((x, i) => [i, x.psiMax]) }]
    });
  }

  function drawCache(body, d) {
    if (d.businessDate) html('p', {}, body, `Cache plan of ${d.businessDate}.`);
    barChart(body, {
      title: 'Tier fill: planned bytes as a share of each tier\'s capacity (SETLIST_CACHE_TIERS; dashed = 100%)',
      xLabel: 'fill (% of the tier\'s capacity)', colour: COLOURS[2], max: 1, xFormat: v => pct(v, 0),
      bars: d.tiers.map(t => ({ label: t.tier, value: t.capacityBytes ? t.usedBytes / t.capacityBytes : 0, outline: 1,
        text: `${int(t.tracks)} tracks · ${bytes(t.usedBytes)} of ${t.capacityBytes ? bytes(t.capacityBytes) : '?'}`
          + (t.capacityBytes ? ` (${pct(t.usedBytes / t.capacityBytes)})` : '') }))
    });
    if (!d.evaluation) { html('p', { class: 'note no-evaluation' }, body, d.note); return; }
    const e = d.evaluation;
    html('p', { class: 'note' }, body, `Replay stored ${e.evaluatedAt.slice(0, 16).replace('T', ' ')} from ${e.source}: `
      + `${int(e.requests)} requests, working set ${bytes(e.workingSetBytes)}, window ${e.windowFrom.slice(0, 10)} – ${e.windowTo.slice(0, 10)}.`);
    const policies = [...new Set(e.points.map(p => p.policy))];
    const shares = e.points.map(p => p.capacityShare);
    lineChart(body, {
      title: 'Byte hit rate by cache capacity, per policy', xLabel: 'capacity (% of the working set)', yLabel: 'byte hit rate',
      x: [0, Math.max(...shares)], y: [0, Math.min(1, Math.max(...e.points.map(p => p.byteHitRate)) * 1.1 || 1)],
      xFormat: v => pct(v, 0), yFormat: v => pct(v, 0),
      series: policies.map(name => ({ name, points: e.points.filter(p => p.policy === name)
        .sort((a, b) => a.capacityShare - b.capacityShare).map(p => [p.capacityShare, p.byteHitRate]) }))
    });
  }

  function drawQueues(body, d) {
    html('p', { class: d.configured ? '' : 'note' }, body, d.configured ? `${d.queues.length} queue(s)` : d.message);
  }

  async function explore(userKey) {
    const section = document.getElementById('explorer');
    const body = panelBody('explorer');
    section.dataset.state = 'loading';
    try {
      const recs = await api(`/v1/users/${encodeURIComponent(userKey)}/recommendations?limit=10`);
      html('p', { class: 'rec-summary' }, body, `${recs.userId}: top ${recs.items.length} from run ${recs.runId}, source: ${recs.source}`
        + (recs.source === 'neighbours' ? ' (similar listeners)' : ' (cold start: popular in the user\'s segment)'));
      const t = html('table', { class: 'recs' }, html('div', { class: 'scroll' }, body));
      const hr = html('tr', {}, html('thead', {}, t));
      ['rank', 'artist', 'score', ''].forEach(h => html('th', {}, hr, h));
      const tb = html('tbody', {}, t);
      const why = html('div', { class: 'why' }, body);
      for (const item of recs.items) {
        const tr = html('tr', {}, tb);
        html('td', { class: 'num' }, tr, item.rank);
        html('td', {}, tr, `${item.name} (${item.artistId})`);
        html('td', { class: 'num' }, tr, num(item.score, 4));
        const b = html('button', { type: 'button', class: 'why-button' }, html('td', {}, tr), 'Why?');
        b.addEventListener('click', () => explain(why, recs.userId, item));
      }
      section.dataset.state = 'ready';
    } catch (e) {
      if (e.status === 401 || e.status === 403) return signOut('The key was refused (' + e.status + '): ' + e.message);
      html('p', { class: 'error' }, body, e.status === 404 ? `No recommendations for user '${userKey}' in the current run.` : 'Could not load: ' + e.message);
      section.dataset.state = 'error';
    }
  }
  async function explain(box, userKey, item) {
    box.replaceChildren();
    box.dataset.state = 'loading';
    html('p', { class: 'note' }, box, `Working out why ${item.name} was recommended…`);
    try {
      const d = await api(`/v1/admin/dashboard/explain?user=${encodeURIComponent(userKey)}&artist=${encodeURIComponent(item.artistId)}&top=10`);
      box.replaceChildren();
      if (!d.neighbours.length) {
        html('p', { class: 'note' }, box, `None of ${userKey}'s ${d.neighbourCount} neighbours played ${d.artistName}: it came from the user's segment.`);
      } else {
        barChart(box, {
          title: `Why ${d.artistName}: the neighbours who contributed most (of ${d.neighbourCount}; score ${num(d.score, 4)})`,
          xLabel: 'contribution = similarity × the neighbour\'s weight on the artist (score units)', colour: COLOURS[3], xFormat: v => v.toFixed(2),
          bars: d.neighbours.map(n => ({ label: n.userId, value: n.contribution,
            text: `${num(n.contribution, 4)} (sim ${num(n.similarity)}, ${int(n.plays)} plays)` }))
        });
      }
      box.dataset.state = 'ready';
    } catch (e) {
      box.replaceChildren();
      html('p', { class: 'error' }, box, 'Could not explain: ' + e.message);
      box.dataset.state = 'error';
    }
  }

  // ---------- wiring ----------
  function loadAll() {
    load('runs', '/v1/admin/dashboard/runs?days=14', drawRuns);
    Promise.all(['day', 'week'].map(by => api('/v1/admin/dashboard/retention?by=' + by).then(d => { cache['retention-' + by] = d; })))
      .then(() => { drawRetention(panelBody('retention')); document.getElementById('retention').dataset.state = 'ready'; })
      .catch(e => (e.status === 401 || e.status === 403) ? signOut('The key was refused: ' + e.message)
        : html('p', { class: 'error' }, panelBody('retention'), 'Could not load: ' + e.message));
    load('models', '/v1/admin/dashboard/models', drawModels);
    load('drift', '/v1/admin/dashboard/drift', drawDrift);
    load('cache', '/v1/admin/dashboard/cache', drawCache);
    load('queues', '/v1/admin/dashboard/queues', drawQueues);
  }
  function redrawAll() {
    const draws = { runs: drawRuns, models: drawModels, drift: drawDrift, cache: drawCache, queues: drawQueues };
    for (const [id, draw] of Object.entries(draws)) if (cache[id]) draw(panelBody(id), cache[id]);
    if (cache['retention-day']) drawRetention(panelBody('retention'));
  }
  function signOut(message) {
    sessionStorage.removeItem(KEY);
    for (const k of Object.keys(cache)) delete cache[k];
    document.getElementById('panels').hidden = true;
    document.getElementById('nav').hidden = true;
    document.getElementById('signout').hidden = true;
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message || '';
    document.querySelectorAll('.panel .body').forEach(b => b.replaceChildren());
  }
  function signedIn() {
    document.getElementById('login').hidden = true;
    document.getElementById('panels').hidden = false;
    document.getElementById('nav').hidden = false;
    document.getElementById('signout').hidden = false;
    loadAll();
  }
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('login').addEventListener('submit', async ev => {
      ev.preventDefault();
      const input = document.getElementById('key');
      sessionStorage.setItem(KEY, input.value.trim());
      input.value = '';
      try {
        await api('/v1/admin/dashboard/queues');
        document.getElementById('login-error').textContent = '';
        signedIn();
      } catch (e) {
        signOut(e.status === 403 ? 'This key is not an admin key (403).' : e.status === 401 ? 'Unknown or revoked key (401).' : e.message);
      }
    });
    document.getElementById('signout').addEventListener('click', () => signOut('Signed out.'));
    document.getElementById('explore').addEventListener('submit', ev => {
      ev.preventDefault();
      const user = document.getElementById('user').value.trim();
      if (user) explore(user);
    });
    document.querySelectorAll('#retention .controls button').forEach(b => b.addEventListener('click', () => {
      if (b.dataset.by) view.by = b.dataset.by;
      if (b.dataset.kind) view.kind = b.dataset.kind;
      document.querySelectorAll('#retention .controls button').forEach(x => x.setAttribute('aria-pressed',
        String(x.dataset.by === view.by || x.dataset.kind === view.kind)));
      drawRetention(panelBody('retention'));
    }));
    let resize;
    window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(redrawAll, 150); });
    if (sessionStorage.getItem(KEY)) signedIn();
  });
})();
