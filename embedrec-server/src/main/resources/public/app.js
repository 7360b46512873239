// The embedrec page: plain JavaScript against the JSON API of the same server.
'use strict';

const state = { model: null, apiKey: sessionStorage.getItem('embedrec.apiKey'), visitor: new Map() };
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
  if (state.apiKey) headers['Authorization'] = 'Bearer ' + state.apiKey;
  if (options.body) headers['Content-Type'] = 'application/json';
  const separator = path.includes('?') ? '&' : '?';
  const url = state.model && !path.startsWith('/models') ? path + separator + 'model=' + encodeURIComponent(state.model) : path;
  const response = await fetch(url, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    const key = prompt('This server needs an API key:');
    if (key) {
      state.apiKey = key;
      sessionStorage.setItem('embedrec.apiKey', key);
      return api(path, options);
    }
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

function minRatings() { return Math.max(0, parseInt($('min-ratings').value, 10) || 0); }

function say(message) { $('status').textContent = message; }

function itemLine(item, scoreLabel) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = item.title;
  li.appendChild(title);
  const meta = document.createElement('span');
  meta.className = 'meta';
  const parts = [];
  if (item.genres && item.genres.length) parts.push(item.genres.join(', '));
  if (item.score !== undefined) parts.push(scoreLabel + ' ' + item.score.toFixed(2));
  meta.textContent = parts.length ? ' — ' + parts.join(' · ') : '';
  li.appendChild(meta);
  if (item.because) {
    const because = document.createElement('span');
    because.className = 'because';
    because.textContent = 'because you liked ' + item.because.title;
    li.appendChild(because);
  }
  return li;
}

function fill(listId, items, scoreLabel, onClick) {
  const list = $(listId);
  list.replaceChildren();
  for (const item of items) {
    const li = itemLine(item, scoreLabel);
    if (onClick) li.addEventListener('click', () => onClick(item));
    list.appendChild(li);
  }
  if (!items.length) {
    const li = document.createElement('li');
    li.className = 'meta empty';
    li.textContent = 'nothing to show';
    list.appendChild(li);
  }
}

async function showUser(event) {
  event.preventDefault();
  const id = $('user-input').value.trim();
  try {
    const [profile, recs] = await Promise.all([
      api('/users/' + encodeURIComponent(id) + '?n=10'),
      api('/users/' + encodeURIComponent(id) + '/recommendations?n=10&explain=true&min_ratings=' + minRatings())]);
    fill('user-top', profile.top_rated, 'rated');
    fill('user-recs', recs.items, 'predicted');
    say('');
  } catch (e) { say(e.message); }
}

async function showSimilar(item) {
  try {
    const similar = await api('/items/' + encodeURIComponent(item.id) + '/similar?n=10&min_ratings=' + minRatings());
    $('similar-title').textContent = 'Similar to ' + similar.item.title;
    fill('similar-list', similar.items, 'similarity');
    say('');
  } catch (e) { say(e.message); }
}

async function searchSimilar(event) {
  event.preventDefault();
  try {
    const found = await api('/items?n=10&q=' + encodeURIComponent($('similar-query').value.trim()));
    fill('similar-results', found.items, '', showSimilar);
    if (found.items.length) await showSimilar(found.items[0]);
  } catch (e) { say(e.message); }
}

async function searchToRate(event) {
  event.preventDefault();
  try {
    const found = await api('/items?n=8&q=' + encodeURIComponent($('visitor-query').value.trim()));
    const list = $('visitor-results');
    list.replaceChildren();
    for (const item of found.items) {
      const li = itemLine(item, '');
      const stars = document.createElement('span');
      stars.className = 'stars';
      for (let rating = 1; rating <= 5; rating++) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = rating + '★';
        button.dataset.rating = String(rating);
        button.addEventListener('click', () => rate(item, rating));
        stars.appendChild(button);
      }
      li.appendChild(stars);
      list.appendChild(li);
    }
  } catch (e) { say(e.message); }
}

async function rate(item, rating) {
  state.visitor.set(item.id, { item, rating });
  fill('visitor-rated', [...state.visitor.values()].map(v => Object.assign({}, v.item, { score: v.rating })), 'you gave');
  const ratings = [...state.visitor.values()].map(v => ({ item: v.item.id, rating: v.rating }));
  try {
    const recs = await api('/recommendations', { method: 'POST', body: JSON.stringify({ ratings, n: 10, explain: true, min_ratings: minRatings() }) });
    fill('visitor-recs', recs.items, 'predicted');
    say('');
  } catch (e) { say(e.message); }
}

async function drawMap() {
  let map;
  try { map = await api('/map'); } catch (e) { $('map-section').hidden = true; return; }
  $('map-section').hidden = false;
  const canvas = $('map');
  const context = canvas.getContext('2d');
  const xs = map.points.map(p => p.x), ys = map.points.map(p => p.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const pad = 10;
  const sx = x => pad + (x - minX) / ((maxX - minX) || 1) * (canvas.width - 2 * pad);
  const sy = y => canvas.height - pad - (y - minY) / ((maxY - minY) || 1) * (canvas.height - 2 * pad);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'rgba(36, 59, 85, 0.55)';
  const placed = map.points.map(p => ({ p, x: sx(p.x), y: sy(p.y) }));
  for (const q of placed) context.fillRect(q.x - 2, q.y - 2, 4, 4);
  const tip = $('map-tip');
  canvas.onmousemove = (event) => {
    const box = canvas.getBoundingClientRect();
    const mx = (event.clientX - box.left) * canvas.width / box.width;
    const my = (event.clientY - box.top) * canvas.height / box.height;
    let best = null, bestDistance = 36;
    for (const q of placed) {
      const d = (q.x - mx) ** 2 + (q.y - my) ** 2;
      if (d < bestDistance) { best = q; bestDistance = d; }
    }
    tip.hidden = !best;
    if (best) {
      tip.textContent = best.p.title;
      tip.style.left = (event.clientX - box.left + 12) + 'px';
      tip.style.top = (event.clientY - box.top + 12) + 'px';
    }
  };
  canvas.onmouseleave = () => { tip.hidden = true; };
}

async function start() {
  $('user-form').addEventListener('submit', showUser);
  $('similar-form').addEventListener('submit', searchSimilar);
  $('visitor-form').addEventListener('submit', searchToRate);
  $('model').addEventListener('change', () => { state.model = $('model').value; state.visitor.clear(); loadUsers(); });
  try {
    const models = await api('/models');
    for (const model of models) {
      const option = document.createElement('option');
      option.value = model.name;
      option.textContent = model.name + ' (' + model.kind + ')';
      $('model').appendChild(option);
    }
    state.model = models[0].name;
    await loadUsers();
    await drawMap();
    document.body.dataset.ready = 'true';
  } catch (e) { say(e.message); }
}

async function loadUsers() {
  const users = await api('/users?limit=1000');
  const list = $('user-ids');
  list.replaceChildren(...users.ids.map(id => { const o = document.createElement('option'); o.value = id; return o; }));
}

start();
