// The embedrec page: plain JavaScript against the JSON API of the same server, no build step.
//
// Every change (model, min. ratings, user, search) clears what it invalidates and fetches it again,
// showing a loading state meanwhile; an answer that arrives after a newer request was made for the
// same list is dropped (tickets), so a slow old answer never overwrites a new one. Errors are shown
// where they happened and in the sticky status bar.
'use strict';

const state = {
  model: null,          // the selected model's name
  models: [],           // GET /models
  apiKey: sessionStorage.getItem('embedrec.apiKey'),
  user: null,           // the user id shown
  userItems: [],        // ids of the items the shown user rated highest (highlighted on the map)
  similarQuery: null,   // the title search of the "Similar movies" section
  similarId: null,      // the selected match
  visitor: new Map(),   // item id -> { item, rating }: the visitor's ratings
  undo: [],             // earlier visitor ratings, for Undo
  tickets: {},          // list name -> number of its latest request
};
const $ = (id) => document.getElementById(id);

/** Calls the API; the selected model is added to every path but /models. Throws with the server's message. */
async function api(path, options = {}) {
  const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
  if (state.apiKey) headers['Authorization'] = 'Bearer ' + state.apiKey;
  if (options.body) headers['Content-Type'] = 'application/json';
  const separator = path.includes('?') ? '&' : '?';
  const url = state.model && !path.startsWith('/models') ? path + separator + 'model=' + encodeURIComponent(state.model) : path;
  let response;
  try {
    response = await fetch(url, Object.assign({}, options, { headers }));
  } catch (e) {
    throw new Error('the server cannot be reached (' + e.message + ')');
  }
  if (response.status === 401) {
    const key = prompt('This server needs an API key:');
    if (key) {
      state.apiKey = key;
      sessionStorage.setItem('embedrec.apiKey', key);
      return api(path, options);
    }
  }
  let body;
  try { body = await response.json(); } catch (e) { body = {}; }
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

// ---- text ----------------------------------------------------------------------------------------

const ARTICLE = /^(.+?), (The|A|An|Les|La|Le|L'|Il|Lo|Gli|Das|Der|Die|El|Los|Las|Det|Den|De|Het|Une|Un)((?: \(.*\))?)$/;

/** "Game, The (1997)" → "The Game (1997)": MovieLens titles with the article moved back to the front. */
function tidyTitle(title) {
  const match = ARTICLE.exec(title || '');
  if (!match) return title;
  return match[2] + (match[2].endsWith("'") ? '' : ' ') + match[1] + match[3];
}

/** A rating in the data's precision: 5 → "5", 4.5 → "4.5", 3.25 → "3.25". */
function ratingText(value) {
  return String(Math.round(value * 100) / 100);
}

/** How a score of kind `kind` reads: a rating as stars, a ranking score or similarity as a plain figure. */
function scoreText(kind, score) {
  switch (kind) {
    case 'rating': return 'predicted ★ ' + score.toFixed(1);
    case 'ranking': return 'ranking score ' + score.toFixed(2);
    case 'similarity': return 'similarity ' + score.toFixed(2);
    case 'given': return '★ ' + ratingText(score);
    default: return score.toFixed(2);
  }
}

function scoreTitle(kind) {
  switch (kind) {
    case 'rating': return 'the rating this model predicts, on the data\'s scale';
    case 'ranking': return 'this model only ranks items: its scores order them and are not ratings';
    case 'similarity': return 'cosine similarity of the item vectors, from -1 to 1';
    case 'given': return 'the rating given';
    default: return '';
  }
}

// ---- status and errors ---------------------------------------------------------------------------

let statusTimer = null;

/** Shows `message` in the sticky status bar; errors stay until the next change, notes fade. */
function say(message, isError = false) {
  const status = $('status');
  clearTimeout(statusTimer);
  status.textContent = message || '';
  status.classList.toggle('error', isError);
  status.hidden = !message;
  if (message && !isError) statusTimer = setTimeout(() => { status.hidden = true; }, 4000);
}

/** Shows `message` under the form it concerns and in the status bar; an empty message clears both. */
function sectionError(id, message) {
  const box = $(id);
  // A cleared error leaves the status bar too, unless another error has replaced it there.
  if (!message && box.textContent && $('status').textContent === box.textContent) say('');
  box.textContent = message || '';
  box.hidden = !message;
  if (message) say(message, true);
}

// ---- lists ---------------------------------------------------------------------------------------

function placeholder(list, text, className) {
  const li = document.createElement('li');
  li.className = 'placeholder ' + className;
  li.textContent = text;
  list.replaceChildren(li);
}

/** Empties a list (nothing is shown until new results arrive). */
function clearList(id) {
  const list = $(id);
  list.replaceChildren();
  list.removeAttribute('aria-busy');
}

/** Shows that a list is being fetched. */
function loadingList(id) {
  const list = $(id);
  placeholder(list, 'Loading…', 'loading');
  list.setAttribute('aria-busy', 'true');
}

function itemLine(item, kind) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = tidyTitle(item.title);
  li.appendChild(title);
  if (item.score !== undefined && kind) {
    const score = document.createElement('span');
    score.className = 'score';
    score.dataset.kind = kind;
    score.title = scoreTitle(kind);
    score.textContent = ' ' + scoreText(kind, item.score);
    li.appendChild(score);
  }
  if (item.genres && item.genres.length) {
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = ' · ' + item.genres.join(', ');
    li.appendChild(meta);
  }
  if (item.because) {
    const because = document.createElement('span');
    because.className = 'because';
    because.textContent = 'because you liked ' + tidyTitle(item.because.title);
    li.appendChild(because);
  }
  return li;
}

/** Fills list `id` with `items` whose scores are of `kind`; `empty` is shown when there are none. */
function fill(id, items, kind, options = {}) {
  const list = $(id);
  list.removeAttribute('aria-busy');
  if (!items.length) {
    placeholder(list, options.empty || 'nothing to show', 'meta empty');
    return;
  }
  list.replaceChildren(...items.map(item => {
    const li = itemLine(item, kind);
    if (options.onClick) {
      li.tabIndex = 0;
      li.addEventListener('click', () => options.onClick(item));
      li.addEventListener('keydown', (event) => { if (event.key === 'Enter') options.onClick(item); });
    }
    if (options.decorate) options.decorate(li, item);
    return li;
  }));
}

/** A number for the newest request of list `name`; `current(name, n)` tells whether it is still the newest. */
function ticket(name) {
  state.tickets[name] = (state.tickets[name] || 0) + 1;
  return state.tickets[name];
}
const current = (name, number) => state.tickets[name] === number;

function minRatings() { return Math.max(0, parseInt($('min-ratings').value, 10) || 0); }

function selectedModel() { return state.models.find(model => model.name === state.model); }

// ---- the model card ------------------------------------------------------------------------------

const METRIC_NAMES = { rmse: 'RMSE', mae: 'MAE', 'ndcg': 'NDCG', 'recall': 'recall', 'precision': 'precision',
  'hit_rate': 'hit rate', 'auc_full': 'AUC' };
const LOWER_IS_BETTER = new Set(['rmse', 'mae']);

/** Rows of "metric: this model vs baselines" from the metrics a model file records. */
function metricRows(metrics) {
  const rows = [];
  for (const [name, value] of Object.entries(metrics || {})) {
    if (!name.startsWith('test.')) continue;
    const key = name.slice(5);
    const base = key.split('@')[0];
    if (!(base in METRIC_NAMES)) continue;
    const baselines = {};
    for (const [label, prefix] of [['most popular', 'mostPopular'], ['random', 'random'],
      ['global mean', 'globalMean'], ['biases', 'biases']]) {
      const figure = metrics['baseline.' + prefix + '.' + key];
      if (figure !== undefined) baselines[label] = figure;
    }
    rows.push({ label: METRIC_NAMES[base] + (key.includes('@') ? '@' + key.split('@')[1] : ''), base, value, baselines });
  }
  const order = ['ndcg', 'recall', 'precision', 'hit_rate', 'auc_full', 'rmse', 'mae'];
  return rows.sort((a, b) => order.indexOf(a.base) - order.indexOf(b.base));
}

function renderModelCard() {
  const model = selectedModel();
  const card = $('model-card');
  card.replaceChildren();
  if (!model) return;
  const fallback = state.models.find(m => m.is_default);
  const reason = document.createElement('p');
  reason.className = 'default-reason';
  reason.id = 'default-reason';
  reason.textContent = model.is_default ? 'Default model: ' + model.default_reason + '.'
    : 'The default model is ' + fallback.name + ': ' + fallback.default_reason + '.';
  card.appendChild(reason);

  const facts = document.createElement('dl');
  const add = (term, text) => {
    if (text === undefined || text === null || text === '') return;
    const dt = document.createElement('dt'); dt.textContent = term;
    const dd = document.createElement('dd'); dd.textContent = text;
    facts.append(dt, dd);
  };
  add('kind', model.kind);
  add('scores', model.score_kind === 'rating' ? 'predicted ratings on the data\'s scale'
    : 'ranking scores: they order items for a user and are not ratings');
  add('data', (model.data ? model.data + ', ' : '') + model.users.toLocaleString('en') + ' users, '
    + model.items.toLocaleString('en') + ' items' + (model.split ? ', split ' + model.split : ''));
  add('vectors', model.embeddings ? model.dimensions + ' dimensions' : 'none (no map or similar items)');
  add('new visitors', model.fold_in ? 'folded in from their ratings' : 'not supported');
  card.appendChild(facts);

  const rows = metricRows(model.metrics);
  if (!rows.length) {
    const none = document.createElement('p');
    none.className = 'meta';
    none.textContent = 'The model file records no held-out metrics.';
    card.appendChild(none);
    return;
  }
  const columns = ['most popular', 'random', 'global mean', 'biases'].filter(c => rows.some(r => c in r.baselines));
  const table = document.createElement('table');
  table.className = 'metrics';
  table.id = 'model-metrics';
  const head = table.createTHead().insertRow();
  for (const text of ['held-out', model.name, ...columns]) {
    const th = document.createElement('th'); th.textContent = text; head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.label;
    const cell = tr.insertCell();
    cell.textContent = row.value.toFixed(3);
    const others = Object.values(row.baselines);
    if (others.length && others.every(b => LOWER_IS_BETTER.has(row.base) ? row.value < b : row.value > b)) {
      cell.className = 'better';
      cell.title = 'better than every baseline';
    }
    for (const column of columns) tr.insertCell().textContent = column in row.baselines ? row.baselines[column].toFixed(3) : '';
  }
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.appendChild(table);
  card.appendChild(wrap);
}

// ---- a user --------------------------------------------------------------------------------------

async function refreshUser() {
  const number = ticket('user');
  sectionError('user-error', '');
  if (!state.user) {
    clearList('user-top'); clearList('user-recs');
    state.userItems = [];
    Explorer.setUserItems([]);
    return;
  }
  const id = state.user;
  loadingList('user-top'); loadingList('user-recs');
  try {
    const [profile, recs] = await Promise.all([
      api('/users/' + encodeURIComponent(id) + '?n=100'),
      api('/users/' + encodeURIComponent(id) + '/recommendations?n=10&explain=true&min_ratings=' + minRatings())]);
    if (!current('user', number)) return;
    fill('user-top', profile.top_rated.slice(0, 10), 'given', { empty: 'no ratings known for this user' });
    fill('user-recs', recs.items, recs.score_kind, { empty: 'nothing passes the filters' });
    state.userItems = profile.top_rated.map(item => item.id);
    Explorer.setUserItems(state.userItems);
  } catch (e) {
    if (!current('user', number)) return;
    clearList('user-top'); clearList('user-recs');
    state.userItems = [];
    Explorer.setUserItems([]);
    sectionError('user-error', e.message);
  }
}

function showUser(event) {
  event.preventDefault();
  state.user = $('user-input').value.trim() || null;
  return refreshUser();
}

// ---- similar movies ------------------------------------------------------------------------------

async function refreshSimilar() {
  const number = ticket('matches');
  ticket('similar');
  sectionError('similar-error', '');
  $('similar-title').textContent = 'Similar';
  clearList('similar-list');
  if (!state.similarQuery) { clearList('similar-results'); return; }
  loadingList('similar-results');
  try {
    const found = await api('/items?n=10&q=' + encodeURIComponent(state.similarQuery));
    if (!current('matches', number)) return;
    if (!found.items.length) {
      clearList('similar-results');
      state.similarId = null;
      sectionError('similar-error', 'No movie matches “' + state.similarQuery + '”.');
      return;
    }
    const chosen = found.items.find(item => item.id === state.similarId) || found.items[0];
    fill('similar-results', found.items, null, { onClick: showSimilar });
    await showSimilar(chosen);
  } catch (e) {
    if (!current('matches', number)) return;
    clearList('similar-results');
    sectionError('similar-error', e.message);
  }
}

function markSelected(listId, id) {
  for (const li of $(listId).querySelectorAll('li')) {
    const selected = li.dataset.id === id;
    li.classList.toggle('selected', selected);
    if (selected) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
  }
}

async function showSimilar(item) {
  const number = ticket('similar');
  state.similarId = item.id;
  markSelected('similar-results', item.id);
  Explorer.setCurrent(item.id);
  sectionError('similar-error', '');
  $('similar-title').textContent = 'Similar to ' + tidyTitle(item.title);
  loadingList('similar-list');
  try {
    const similar = await api('/items/' + encodeURIComponent(item.id) + '/similar?n=10&min_ratings=' + minRatings());
    if (!current('similar', number)) return;
    fill('similar-list', similar.items, similar.score_kind, { empty: 'no similar movie passes the filters' });
  } catch (e) {
    if (!current('similar', number)) return;
    clearList('similar-list');
    sectionError('similar-error', e.message);
  }
}

function searchSimilar(event) {
  event.preventDefault();
  state.similarQuery = $('similar-query').value.trim() || null;
  state.similarId = null;
  return refreshSimilar();
}

// ---- a visitor -----------------------------------------------------------------------------------

function starsFor(item) {
  const stars = document.createElement('span');
  stars.className = 'stars';
  stars.setAttribute('role', 'group');
  stars.setAttribute('aria-label', 'your rating of ' + tidyTitle(item.title));
  for (let rating = 1; rating <= 5; rating++) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '★';
    button.dataset.rating = String(rating);
    button.setAttribute('aria-label', rating + (rating === 1 ? ' star' : ' stars'));
    button.addEventListener('click', () => rate(item, rating));
    stars.appendChild(button);
  }
  return stars;
}

/** Lights the stars up to the visitor's rating of each listed item, and marks the chosen one pressed. */
function showStars() {
  for (const li of $('visitor-results').querySelectorAll('li[data-id]')) {
    const given = state.visitor.get(li.dataset.id);
    for (const button of li.querySelectorAll('.stars button')) {
      const rating = Number(button.dataset.rating);
      button.classList.toggle('on', !!given && rating <= given.rating);
      button.setAttribute('aria-pressed', String(!!given && rating === given.rating));
    }
  }
}

async function searchToRate(event) {
  event.preventDefault();
  const number = ticket('visitor-search');
  const query = $('visitor-query').value.trim();
  sectionError('visitor-error', '');
  loadingList('visitor-results');
  try {
    const found = await api('/items?n=8&q=' + encodeURIComponent(query));
    if (!current('visitor-search', number)) return;
    fill('visitor-results', found.items, null, {
      empty: 'No movie matches “' + query + '”.',
      decorate: (li, item) => li.appendChild(starsFor(item)),
    });
    if (!found.items.length) sectionError('visitor-error', 'No movie matches “' + query + '”.');
    showStars();
  } catch (e) {
    if (!current('visitor-search', number)) return;
    clearList('visitor-results');
    sectionError('visitor-error', e.message);
  }
}

function changeVisitor(change) {
  state.undo.push(new Map(state.visitor));
  change();
  return refreshVisitor();
}

function rate(item, rating) { return changeVisitor(() => state.visitor.set(item.id, { item, rating })); }

function removeRating(id) { return changeVisitor(() => state.visitor.delete(id)); }

function undoVisitor() {
  if (!state.undo.length) return;
  state.visitor = state.undo.pop();
  return refreshVisitor();
}

function resetVisitor() {
  state.visitor = new Map();
  state.undo = [];
  return refreshVisitor();
}

function showVisitorRatings() {
  const rated = [...state.visitor.values()].map(v => Object.assign({}, v.item, { score: v.rating, because: undefined }));
  fill('visitor-rated', rated, 'given', {
    empty: 'none yet: find a movie above and give it stars',
    decorate: (li, item) => {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'remove your rating of ' + tidyTitle(item.title));
      remove.addEventListener('click', () => removeRating(item.id));
      li.appendChild(remove);
    },
  });
  $('visitor-undo').disabled = !state.undo.length;
  $('visitor-reset').disabled = !state.visitor.size && !state.undo.length;
  showStars();
  Explorer.setVisitorItems([...state.visitor.keys()]);
}

async function refreshVisitor() {
  const number = ticket('visitor');
  sectionError('visitor-error', '');
  showVisitorRatings();
  if (!state.visitor.size) { clearList('visitor-recs'); return; }
  loadingList('visitor-recs');
  const ratings = [...state.visitor.values()].map(v => ({ item: v.item.id, rating: v.rating }));
  try {
    const recs = await api('/recommendations', { method: 'POST',
      body: JSON.stringify({ ratings, n: 10, explain: true, min_ratings: minRatings() }) });
    if (!current('visitor', number)) return;
    fill('visitor-recs', recs.items, recs.score_kind, { empty: 'nothing passes the filters' });
  } catch (e) {
    if (!current('visitor', number)) return;
    clearList('visitor-recs');
    sectionError('visitor-error', e.message);
  }
}

// ---- changes that invalidate everything ----------------------------------------------------------

async function switchModel(name) {
  state.model = name;
  // The visitor's ratings were a profile for the old model: start over, and say so.
  const hadVisitor = state.visitor.size > 0;
  state.visitor = new Map();
  state.undo = [];
  clearList('visitor-results');
  renderModelCard();
  say('Switched to model ' + name + (hadVisitor ? ': your ratings were cleared' : '') + '.');
  Explorer.setModel(selectedModel());
  await Promise.all([loadUsers(), refreshUser(), refreshSimilar(), refreshVisitor()]);
}

async function filtersChanged() {
  await Promise.all([refreshUser(), refreshSimilar(), refreshVisitor()]);
}

async function loadUsers() {
  const number = ticket('users');
  try {
    const users = await api('/users?limit=1000');
    if (!current('users', number)) return;
    $('user-ids').replaceChildren(...users.ids.map(id => { const o = document.createElement('option'); o.value = id; return o; }));
  } catch (e) {
    say(e.message, true);
  }
}

/** Items of the map opened by a click: shown in the explorer with their nearest items. */
async function openItem(point) {
  const box = $('map-item');
  const number = ticket('map-item');
  box.hidden = false;
  const heading = document.createElement('h3');
  heading.textContent = tidyTitle(point.title);
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = [(point.genres || []).join(', '), point.ratings.toLocaleString('en') + ' ratings'].filter(Boolean).join(' · ');
  const list = document.createElement('ol');
  list.id = 'map-item-similar';
  list.className = 'items';
  box.replaceChildren(heading, meta, list);
  loadingList('map-item-similar');
  try {
    const similar = await api('/items/' + encodeURIComponent(point.id) + '/similar?n=5&min_ratings=' + minRatings());
    if (!current('map-item', number)) return;
    fill('map-item-similar', similar.items, similar.score_kind, { empty: 'no similar movie passes the filters' });
  } catch (e) {
    if (!current('map-item', number)) return;
    placeholder(list, e.message, 'error');
  }
}

async function start() {
  $('user-form').addEventListener('submit', showUser);
  $('similar-form').addEventListener('submit', searchSimilar);
  $('visitor-form').addEventListener('submit', searchToRate);
  $('visitor-undo').addEventListener('click', undoVisitor);
  $('visitor-reset').addEventListener('click', resetVisitor);
  $('model').addEventListener('change', () => switchModel($('model').value));
  $('min-ratings').addEventListener('change', filtersChanged);
  Explorer.init({ api, onOpen: openItem, tidyTitle });
  try {
    state.models = await api('/models');
    for (const model of state.models) {
      const option = document.createElement('option');
      option.value = model.name;
      option.textContent = model.name + ' (' + model.kind + (model.is_default ? ', default' : '') + ')';
      $('model').appendChild(option);
    }
    state.model = (state.models.find(model => model.is_default) || state.models[0]).name;
    $('model').value = state.model;
    renderModelCard();
    showVisitorRatings();
    await loadUsers();
    Explorer.setModel(selectedModel());
    document.body.dataset.ready = 'true';
  } catch (e) { say(e.message, true); }
}

start();
