// The embedding explorer: a canvas map of the selected model's item vectors (PCA or t-SNE, computed
// by the server on first request and cached there), coloured by genre or popularity with a legend;
// search highlights titles, a click or tap opens an item, the shown user's and the visitor's items
// are ringed, the wheel, pinch or +/− zoom and a drag pans. Pointer events, so mouse, pen and touch
// work alike. Plain JavaScript, no library.
'use strict';

const Explorer = (() => {
  // Categorical colours that stay apart for the common genres; the rest share grey as "other".
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#393b79', '#637939'];
  const OTHER = '#b0b0b0';
  // Popularity buckets, few to many ratings, light to dark.
  const RAMP = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
  const USER_RING = '#e6550d';
  const VISITOR_RING = '#31a354';
  const HIT = 144; // squared CSS pixels: a click picks the nearest point within 12 px

  const view = { scale: 1, tx: 0, ty: 0 };
  let options = null;
  let canvas = null;
  let model = null;
  let map = null;            // the answer of GET /map for the current model and method
  let placed = [];           // map points with unit coordinates u, v in [0, 1] and a colour
  let legend = [];
  let searchText = '';
  let selectedId = null;
  let userItems = new Set();
  let visitorItems = new Set();
  let request = 0;
  const cache = new Map();   // model/method -> promise of the map
  const pointers = new Map(); // active pointers: id -> {x, y}
  let gesture = null;

  const $ = (id) => document.getElementById(id);

  function init(given) {
    options = given;
    canvas = $('map');
    $('map-method').addEventListener('change', load);
    $('map-colour').addEventListener('change', () => { colour(); draw(); });
    $('map-search').addEventListener('input', () => { searchText = $('map-search').value.trim().toLowerCase(); draw(); });
    $('map-zoom-in').addEventListener('click', () => zoomAt(1.5, size().width / 2, size().height / 2));
    $('map-zoom-out').addEventListener('click', () => zoomAt(1 / 1.5, size().width / 2, size().height / 2));
    $('map-reset').addEventListener('click', resetView);
    canvas.addEventListener('pointerdown', pointerDown);
    canvas.addEventListener('pointermove', pointerMove);
    canvas.addEventListener('pointerup', pointerUp);
    canvas.addEventListener('pointercancel', pointerCancel);
    canvas.addEventListener('pointerleave', () => { $('map-tip').hidden = true; });
    canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      const at = local(event);
      zoomAt(Math.exp(-event.deltaY * 0.0015), at.x, at.y);
    }, { passive: false });
    window.addEventListener('resize', draw);
  }

  function note(text, busy) {
    const box = $('map-note');
    box.textContent = text;
    box.classList.toggle('loading', !!busy);
    $('map-section').dataset.state = busy ? 'loading' : (map ? 'ready' : 'empty');
  }

  /** Shows the map of `next` (a model of GET /models), fetching it if needed. */
  function setModel(next) {
    model = next;
    selectedId = null;
    $('map-item').hidden = true;
    $('map-item').replaceChildren();
    load();
  }

  async function load() {
    const number = ++request;
    map = null;
    placed = [];
    legend = [];
    draw();
    renderLegend();
    if (!model) return;
    if (!model.embeddings) {
      note('Model ' + model.name + ' has no item vectors, so there is no map.', false);
      canvas.hidden = true;
      return;
    }
    canvas.hidden = false;
    const method = $('map-method').value;
    const key = model.name + '/' + method;
    note(method === 'tsne' ? 'Computing the t-SNE map of the most-rated items (a few seconds the first time)…'
      : 'Computing the PCA map…', true);
    if (!cache.has(key)) {
      const answer = options.api('/map?method=' + method);
      cache.set(key, answer);
      answer.catch(() => cache.delete(key));
    }
    try {
      const result = await cache.get(key);
      if (number !== request) return;
      map = result;
      place();
      resetView();
      note(map.description + '. Drag to pan, wheel or pinch to zoom, click a point to open it.', false);
    } catch (e) {
      if (number !== request) return;
      note('', false);
      const box = $('map-note');
      box.textContent = 'No map: ' + e.message;
      box.classList.add('error');
      $('map-section').dataset.state = 'error';
      return;
    }
    $('map-note').classList.remove('error');
  }

  /** Unit coordinates (aspect kept) and colours of the points. */
  function place() {
    const xs = map.points.map(p => p.x), ys = map.points.map(p => p.y);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const span = Math.max(maxX - minX, maxY - minY) || 1;
    placed = map.points.map(p => ({
      p,
      u: 0.5 + (p.x - (minX + maxX) / 2) / span,
      v: 0.5 - (p.y - (minY + maxY) / 2) / span,
      colour: OTHER,
      title: options.tidyTitle(p.title),
      lower: (p.title + ' ' + options.tidyTitle(p.title)).toLowerCase(),
    }));
    colour();
  }

  function colour() {
    legend = [];
    if (!placed.length) { renderLegend(); return; }
    if ($('map-colour').value === 'popularity') {
      const sorted = placed.map(q => q.p.ratings).sort((a, b) => a - b);
      const edges = [];
      for (let k = 1; k < RAMP.length; k++) edges.push(sorted[Math.floor(k * sorted.length / RAMP.length)]);
      const bucket = (ratings) => edges.filter(edge => ratings >= edge).length;
      const counts = new Array(RAMP.length).fill(0);
      for (const q of placed) { const b = bucket(q.p.ratings); q.colour = RAMP[b]; counts[b]++; }
      for (let b = 0; b < RAMP.length; b++) {
        if (!counts[b]) continue;
        const low = b === 0 ? sorted[0] : edges[b - 1];
        const high = b === RAMP.length - 1 ? sorted[sorted.length - 1] : edges[b] - 1;
        legend.push({ name: (low >= high ? String(low) : low + '–' + high) + ' ratings', colour: RAMP[b], count: counts[b] });
      }
    } else {
      const counts = new Map();
      for (const q of placed) {
        const genre = (q.p.genres && q.p.genres[0]) || '(no genre)';
        q.genre = genre;
        counts.set(genre, (counts.get(genre) || 0) + 1);
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const colours = new Map(ranked.slice(0, PALETTE.length).map(([genre], k) => [genre, PALETTE[k]]));
      let other = 0;
      for (const q of placed) {
        q.colour = colours.get(q.genre) || OTHER;
        if (!colours.has(q.genre)) other++;
      }
      for (const [genre, count] of ranked.slice(0, PALETTE.length)) legend.push({ name: genre, colour: colours.get(genre), count });
      if (other) legend.push({ name: 'other', colour: OTHER, count: other });
    }
    renderLegend();
  }

  function renderLegend() {
    const list = $('map-legend');
    const entries = legend.map(entry => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = entry.colour;
      li.append(swatch, entry.name + ' (' + entry.count + ')');
      return li;
    });
    if (placed.length) {
      for (const [text, ring] of [['the user\'s items', USER_RING], ['your ratings', VISITOR_RING]]) {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch ring';
        swatch.style.borderColor = ring;
        li.append(swatch, text);
        entries.push(li);
      }
    }
    list.replaceChildren(...entries);
  }

  function size() {
    const box = canvas.getBoundingClientRect();
    return { width: box.width || 1, height: box.height || 1 };
  }

  /** CSS-pixel position of a point under the current view. */
  function screen(q, width, height) {
    const side = Math.min(width, height) * 0.92;
    const x0 = (width - side) / 2, y0 = (height - side) / 2;
    return { x: view.tx + view.scale * (x0 + q.u * side), y: view.ty + view.scale * (y0 + q.v * side) };
  }

  function matches(q) { return searchText && q.lower.includes(searchText); }

  function draw() {
    if (!canvas) return;
    const { width, height } = size();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const dot = Math.max(2, Math.min(4.5, 2.2 * Math.sqrt(view.scale)));
    let hits = 0;
    const labelled = [];
    context.globalAlpha = searchText ? 0.18 : 0.75;
    for (const q of placed) {
      const s = screen(q, width, height);
      if (s.x < -10 || s.y < -10 || s.x > width + 10 || s.y > height + 10) continue;
      context.fillStyle = q.colour;
      context.beginPath();
      context.arc(s.x, s.y, dot, 0, 2 * Math.PI);
      context.fill();
    }
    context.globalAlpha = 1;
    for (const q of placed) {
      const hit = matches(q);
      if (hit) hits++;
      const ring = q.p.id === selectedId ? '#000' : userItems.has(q.p.id) ? USER_RING
        : visitorItems.has(q.p.id) ? VISITOR_RING : null;
      if (!hit && !ring) continue;
      const s = screen(q, width, height);
      context.fillStyle = q.colour;
      context.beginPath();
      context.arc(s.x, s.y, dot + 2, 0, 2 * Math.PI);
      context.fill();
      context.lineWidth = 2;
      context.strokeStyle = ring || '#111';
      context.stroke();
      if (hit || q.p.id === selectedId) labelled.push({ q, s });
    }
    // Labels: the selected item and up to 12 search hits, skipping any that would overlap one drawn.
    context.font = '12px system-ui, sans-serif';
    context.textBaseline = 'middle';
    const boxes = [];
    labelled.sort((a, b) => (b.q.p.id === selectedId) - (a.q.p.id === selectedId) || b.q.p.ratings - a.q.p.ratings);
    for (const { q, s } of labelled.slice(0, 12)) {
      const w = context.measureText(q.title).width + 6;
      const box = { x: Math.min(s.x + 7, width - w), y: s.y - 8, w, h: 16 };
      if (boxes.some(b => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h)) continue;
      boxes.push(box);
      context.fillStyle = 'rgba(255, 255, 255, 0.85)';
      context.fillRect(box.x, box.y, box.w, box.h);
      context.fillStyle = '#111';
      context.fillText(q.title, box.x + 3, s.y);
    }
    canvas.dataset.points = String(placed.length);
    canvas.dataset.highlighted = String(hits);
    canvas.dataset.userItems = String(placed.filter(q => userItems.has(q.p.id)).length);
    canvas.dataset.visitorItems = String(placed.filter(q => visitorItems.has(q.p.id)).length);
    canvas.dataset.zoom = view.scale.toFixed(3);
    canvas.dataset.selected = selectedId || '';
  }

  function resetView() {
    view.scale = 1; view.tx = 0; view.ty = 0;
    draw();
  }

  /** Zooms by `factor` keeping the CSS-pixel point (x, y) where it is. */
  function zoomAt(factor, x, y) {
    const scale = Math.min(60, Math.max(0.5, view.scale * factor));
    const applied = scale / view.scale;
    view.tx = x - (x - view.tx) * applied;
    view.ty = y - (y - view.ty) * applied;
    view.scale = scale;
    draw();
  }

  function local(event) {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  function nearest(at) {
    const { width, height } = size();
    let best = null, bestDistance = HIT;
    for (const q of placed) {
      const s = screen(q, width, height);
      const d = (s.x - at.x) ** 2 + (s.y - at.y) ** 2;
      if (d < bestDistance) { best = q; bestDistance = d; }
    }
    return best;
  }

  function pointerDown(event) {
    canvas.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, local(event));
    if (pointers.size === 1) {
      gesture = { start: local(event), moved: false, tx: view.tx, ty: view.ty };
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      gesture = { pinch: Math.hypot(a.x - b.x, a.y - b.y) || 1, scale: view.scale, moved: true };
    }
  }

  function pointerMove(event) {
    const at = local(event);
    if (!pointers.has(event.pointerId)) {
      if (event.pointerType === 'mouse') hover(at);
      return;
    }
    pointers.set(event.pointerId, at);
    if (pointers.size === 2 && gesture && gesture.pinch) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      zoomAt(gesture.scale * distance / gesture.pinch / view.scale, (a.x + b.x) / 2, (a.y + b.y) / 2);
    } else if (pointers.size === 1 && gesture && gesture.start) {
      const dx = at.x - gesture.start.x, dy = at.y - gesture.start.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) gesture.moved = true;
      if (gesture.moved) {
        canvas.classList.add('dragging');
        view.tx = gesture.tx + dx;
        view.ty = gesture.ty + dy;
        draw();
      }
    }
  }

  function pointerUp(event) {
    const at = local(event);
    const wasClick = pointers.size === 1 && gesture && !gesture.moved;
    pointers.delete(event.pointerId);
    canvas.classList.remove('dragging');
    if (!pointers.size) gesture = null;
    if (wasClick) {
      const q = nearest(at);
      if (q) open(q);
    }
  }

  function pointerCancel(event) {
    pointers.delete(event.pointerId);
    canvas.classList.remove('dragging');
    gesture = null;
  }

  function hover(at) {
    const tip = $('map-tip');
    const q = nearest(at);
    tip.hidden = !q;
    if (q) {
      tip.textContent = q.title + ' · ' + ((q.p.genres || []).join(', ') || 'no genre') + ' · ' + q.p.ratings + ' ratings';
      tip.style.left = Math.min(at.x + 12, size().width * 0.45) + 'px';
      tip.style.top = (at.y + 12) + 'px';
    }
  }

  function open(q) {
    selectedId = q.p.id;
    draw();
    options.onOpen(q.p);
  }

  /** For tests and tools: where item `id` is drawn, in CSS pixels from the canvas's top left, or null. */
  function positionOf(id) {
    const q = placed.find(point => point.p.id === id);
    if (!q) return null;
    const { width, height } = size();
    return screen(q, width, height);
  }

  return {
    init,
    setModel,
    setUserItems(ids) { userItems = new Set(ids); draw(); },
    setVisitorItems(ids) { visitorItems = new Set(ids); draw(); },
    /** Marks item `id` (null for none) as the current one, e.g. the movie whose similar items are shown. */
    setCurrent(id) { selectedId = id; draw(); },
    positionOf,
  };
})();
