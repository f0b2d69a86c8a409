// The dashboard's script, served as /dashboard/app.js. Plain ES5-style JavaScript in a string (no build
// step, no library): it must contain no backtick and no dollar-brace so it can live in this template.
export const DASHBOARD_JS = String.raw`// Touchpoint dashboard. Every value from the data is put in the page with textContent or as an SVG text
// node, never parsed as HTML: a page title of "<script>…" shows as those characters.
(function () {
  'use strict';
  var L = {
    en: {
      site: 'Site', from: 'From', to: 'To', apply: 'Apply', language: 'Language', token: 'Access key', signIn: 'Sign in', signOut: 'Sign out',
      signedOut: 'Signed out.', throttled: 'Too many failed attempts: try again in {s} s.',
      sharedNote: 'Read-only view of {site}, shared until {date}.', linkGone: 'This shared link does not exist, has expired or was revoked.',
      journey: 'Journey', model: 'Stages', modelPhase: 'Before / during / after', modelP5: '5P', byChannel: 'By channel',
      breaks: 'Abandonment: where people stopped without buying', ads: 'Ad landings', feedback: 'Feedback', checks: 'Ad landing checks', checkNow: 'Check now',
      loading: 'Loading…', loaded: 'Updated', badToken: 'The key was refused. Enter it again.', needToken: 'Enter your access key (or the admin token) to open the dashboard.',
      error: 'Error', checking: 'Checking every ad landing page…', noData: 'No data for this filter.', allSites: 'All sites',
      visitors: 'visitors', touchpoints: 'touchpoints', summary: '{v} visitors, {t} touchpoints',
      before: 'Before purchase', during: 'During purchase', after: 'After purchase',
      pre_touch: 'Pre-touch', first_touch: 'First touch', pivotal: 'Pivotal', prime: 'Prime', post: 'Post',
      median: 'median', channel: 'Channel', touchpoint: 'Touchpoint', sessions: 'Sessions', reached: 'Reached', abandoned: 'Stopped there', share: 'Share',
      campaign: 'Campaign', termContent: 'Term / content', page: 'Landing page', landings: 'Landings', bounce: 'Bounce', signUp: 'Sign-up',
      purchase: 'Purchase', lcp: 'LCP p75', relevance: 'Relevance', flags: 'Flags', title: 'Page title',
      nps: 'NPS', csat: 'CSAT', responses: 'Answers', sentiment: 'Class', stage: 'Stage',
      positive: 'positive', neutral: 'neutral', negative: 'negative',
      sentimentNote: 'Positive: NPS ≥ 30 or CSAT ≥ 80% (both, when both exist). Negative: NPS < 0 or CSAT < 60%. Otherwise neutral.',
      ad: 'Ad', status: 'Status', score: 'Score', time: 'Time', problems: 'Problems', visitorsSaw: 'Visitors saw', ok: 'ok', checkedAt: 'Checked',
      noChecks: 'No check yet: press “Check now”.', conv: 'conv.'
    },
    es: {
      site: 'Sitio', from: 'Desde', to: 'Hasta', apply: 'Aplicar', language: 'Idioma', token: 'Clave de acceso', signIn: 'Entrar', signOut: 'Salir',
      signedOut: 'Sesión cerrada.', throttled: 'Demasiados intentos fallidos: vuelve a intentarlo en {s} s.',
      sharedNote: 'Vista de solo lectura de {site}, compartida hasta el {date}.', linkGone: 'Este enlace compartido no existe, ha caducado o fue revocado.',
      journey: 'Recorrido', model: 'Etapas', modelPhase: 'Antes / durante / después', modelP5: '5P', byChannel: 'Por canal',
      breaks: 'Abandono: dónde se detuvieron sin comprar', ads: 'Aterrizajes de anuncios', feedback: 'Opiniones', checks: 'Revisión de páginas de destino', checkNow: 'Revisar ahora',
      loading: 'Cargando…', loaded: 'Actualizado', badToken: 'La clave no es válida. Vuelve a introducirla.', needToken: 'Introduce tu clave de acceso (o el token de administración) para abrir el panel.',
      error: 'Error', checking: 'Revisando cada página de destino…', noData: 'No hay datos para este filtro.', allSites: 'Todos los sitios',
      visitors: 'visitantes', touchpoints: 'puntos de contacto', summary: '{v} visitantes, {t} puntos de contacto',
      before: 'Antes de la compra', during: 'Durante la compra', after: 'Después de la compra',
      pre_touch: 'Pre-contacto', first_touch: 'Primer contacto', pivotal: 'Decisivo', prime: 'Compra', post: 'Posventa',
      median: 'mediana', channel: 'Canal', touchpoint: 'Punto de contacto', sessions: 'Sesiones', reached: 'Llegaron', abandoned: 'Se detuvieron ahí', share: 'Proporción',
      campaign: 'Campaña', termContent: 'Término / contenido', page: 'Página de destino', landings: 'Aterrizajes', bounce: 'Rebote', signUp: 'Registro',
      purchase: 'Compra', lcp: 'LCP p75', relevance: 'Relevancia', flags: 'Avisos', title: 'Título de la página',
      nps: 'NPS', csat: 'CSAT', responses: 'Respuestas', sentiment: 'Clase', stage: 'Etapa',
      positive: 'positivo', neutral: 'neutro', negative: 'negativo',
      sentimentNote: 'Positivo: NPS ≥ 30 o CSAT ≥ 80 % (ambos, si hay ambos). Negativo: NPS < 0 o CSAT < 60 %. Si no, neutro.',
      ad: 'Anuncio', status: 'Estado', score: 'Puntuación', time: 'Tiempo', problems: 'Problemas', visitorsSaw: 'Lo que vieron los visitantes', ok: 'bien', checkedAt: 'Revisado',
      noChecks: 'Aún no hay revisiones: pulsa «Revisar ahora».', conv: 'conv.'
    }
  };
  var STAGES = { phase: ['before', 'during', 'after'], p5: ['pre_touch', 'first_touch', 'pivotal', 'prime', 'post'] };
  var SVG = 'http://www.w3.org/2000/svg';
  var store = window.sessionStorage;
  var lang = store.getItem('tp.lang') || (/^es\b/i.test(navigator.language || '') ? 'es' : 'en');
  var data = {};
  // A shared link's page: one report of one site, read-only, opened by the token in the URL fragment
  // (browsers send the fragment neither to the server nor in a Referer).
  var shared = location.pathname === '/dashboard/shared';
  var shareToken = shared ? location.hash.slice(1) : '';
  var csrf = '';
  var roles = {};

  function t(key) { return (L[lang] && L[lang][key]) || L.en[key] || key; }
  function $(id) { return document.getElementById(id); }
  function text(value) { return document.createTextNode(value === null || value === undefined ? '' : String(value)); }
  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'object' && c !== null ? c : text(c)); });
    return node;
  }
  function svg(tag, attrs, content) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (content !== undefined) node.textContent = String(content);
    return node;
  }
  function pct(x) { return x === null || x === undefined ? '—' : Math.round(x * 100) + '%'; }
  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
    if (ms < 3600000) return (ms / 60000).toFixed(ms < 600000 ? 1 : 0) + ' min';
    if (ms < 172800000) return (ms / 3600000).toFixed(1) + ' h';
    return (ms / 86400000).toFixed(1) + ' d';
  }
  function setStatus(message, isError) {
    var s = $('status');
    s.textContent = message || '';
    s.className = isError ? 'status error' : 'status';
  }
  function head(table, columns) {
    var thead = table.tHead;
    thead.textContent = '';
    var tr = el('tr');
    columns.forEach(function (c) { tr.appendChild(el('th', c.num ? 'num' : '', [t(c.label)])); });
    thead.appendChild(tr);
  }
  function fillTable(id, columns, rows) {
    var table = $(id);
    head(table, columns);
    var body = table.tBodies[0];
    body.textContent = '';
    if (!rows.length) {
      var td = el('td', 'empty', [t('noData')]);
      td.colSpan = columns.length;
      body.appendChild(el('tr', '', [td]));
      return;
    }
    rows.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var v = c.value(row);
        tr.appendChild(el('td', c.num ? 'num' : (c.className ? c.className(row) : ''), [v instanceof Node ? v : text(v)]));
      });
      body.appendChild(tr);
    });
  }

  // ——— sign-in ———
  // The session lives in an HttpOnly cookie the page cannot read; the page keeps only the session's CSRF
  // proof, sent as X-CSRF-Token with every call that changes something.
  var params = new URLSearchParams(location.search);
  var linkKey = params.get('token');
  if (linkKey) {
    params.delete('token');
    // The key must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params.toString() : ''));
  }
  function askToken(message) {
    $('main').hidden = true;
    $('sign-out').hidden = true;
    $('who').textContent = '';
    $('token-form').hidden = false;
    setStatus(message, true);
    $('token').focus();
  }
  function signedIn(body) {
    csrf = body.csrf || '';
    $('who').textContent = body.principal.name;
    $('sign-out').hidden = false;
    return body;
  }
  function refusal(res) {
    if (res.status === 429) return t('throttled').replace('{s}', res.headers.get('retry-after') || '60');
    return t('badToken');
  }
  function signIn(key) {
    return fetch('/api/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: key }) }).then(function (res) {
      if (!res.ok) {
        askToken(refusal(res));
        throw new Error('unauthorized');
      }
      return res.json().then(signedIn);
    });
  }
  function currentSession() {
    return fetch('/api/session', { credentials: 'same-origin' }).then(function (res) {
      return res.ok ? res.json().then(signedIn) : null;
    });
  }
  function api(path, init) {
    init = init || {};
    init.credentials = 'same-origin';
    if (shared) init.headers = Object.assign({ 'x-touchpoint-share': shareToken }, init.headers || {});
    else if (init.method && init.method !== 'GET') init.headers = Object.assign({ 'x-csrf-token': csrf }, init.headers || {});
    return fetch(path, init).then(function (res) {
      if (res.status === 401 && !shared) {
        askToken(t('badToken'));
        throw new Error('unauthorized');
      }
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + res.status);
        return body;
      });
    });
  }
  function signOut() {
    api('/api/session', { method: 'DELETE' }).then(function () {
      csrf = '';
      askToken(t('signedOut'));
    }, function (err) { if (err.message !== 'unauthorized') setStatus(t('error') + ': ' + err.message, true); });
  }

  // ——— filters ———
  function query() {
    var q = new URLSearchParams();
    if ($('site').value) q.set('site', $('site').value);
    if ($('from').value) q.set('from', $('from').value);
    if ($('to').value) q.set('to', $('to').value);
    return q.toString();
  }
  function loadSites() {
    return api('/api/sites').then(function (body) {
      var select = $('site');
      var wanted = params.get('site') || store.getItem('tp.site') || select.value;
      roles = body.roles || {};
      select.textContent = '';
      // "All sites" only for a key that reaches every site: the others must choose theirs.
      if (body.allSites) {
        select.appendChild(el('option', '', [t('allSites')]));
        select.options[0].value = '';
      }
      body.sites.forEach(function (s) {
        var o = el('option', '', [s]);
        o.value = s;
        select.appendChild(o);
      });
      if (wanted && body.sites.indexOf(wanted) >= 0) select.value = wanted;
      else if (body.sites.length === 1) select.value = body.sites[0];
    });
  }
  function loadShared() {
    setStatus(t('loading'));
    var q = new URLSearchParams();
    if ($('from').value) q.set('from', $('from').value);
    if ($('to').value) q.set('to', $('to').value);
    return api('/api/shared/report?' + q.toString()).then(function (body) {
      data = {};
      data[body.report] = body.data;
      ['journey', 'ads', 'feedback', 'checks'].forEach(function (id) { $(id).hidden = id !== body.report; });
      var note = $('shared-note');
      note.hidden = false;
      note.setAttribute('data-site', body.site);
      note.setAttribute('data-until', String(body.expiresAt));
      $('main').hidden = false;
      renderAll();
      setStatus(t('loaded') + ' ' + new Date().toLocaleTimeString(lang));
    }, function () {
      $('main').hidden = true;
      setStatus(t('linkGone'), true);
    });
  }
  function load() {
    if (shared) return loadShared();
    setStatus(t('loading'));
    store.setItem('tp.site', $('site').value);
    var q = query();
    var site = $('site').value;
    return Promise.all([
      api('/api/reports/journey?' + q),
      api('/api/reports/ads?' + q),
      api('/api/reports/feedback?' + q),
      site ? api('/api/check-ads?site=' + encodeURIComponent(site)) : Promise.resolve({ results: [] })
    ]).then(function (all) {
      data = { journey: all[0], ads: all[1], feedback: all[2], checks: all[3] };
      $('token-form').hidden = true;
      $('main').hidden = false;
      renderAll();
      setStatus(t('loaded') + ' ' + new Date().toLocaleTimeString(lang));
    }, function (err) {
      if (err.message !== 'unauthorized') setStatus(t('error') + ': ' + err.message, true);
    });
  }

  // ——— journey ———
  function renderJourney() {
    var j = data.journey;
    var model = $('model').value;
    var stages = j.stages[model];
    $('journey-summary').textContent = t('summary').replace('{v}', j.visitors).replace('{t}', j.touchpoints);
    var chart = $('journey-chart');
    chart.textContent = '';
    var boxW = 170, gap = 80, boxH = 150, top = 10;
    var width = stages.length * boxW + (stages.length - 1) * gap + 20;
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + (boxH + 30), width: width, height: boxH + 30, role: 'img', 'aria-label': t('journey') });
    var defs = svg('defs');
    var marker = svg('marker', { id: 'tp-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' });
    marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', 'class': 'arrow-head' }));
    defs.appendChild(marker);
    root.appendChild(defs);
    var max = Math.max.apply(null, stages.map(function (s) { return s.visitors; }).concat([1]));
    stages.forEach(function (s, i) {
      var x = 10 + i * (boxW + gap);
      var g = svg('g', { 'class': 'stage', 'data-stage': s.stage });
      g.appendChild(svg('rect', { x: x, y: top, width: boxW, height: boxH, rx: 8, 'class': 'stage-box' }));
      var barH = Math.round((boxH - 20) * s.visitors / max);
      g.appendChild(svg('rect', { x: x + boxW - 14, y: top + boxH - 10 - barH, width: 6, height: barH, rx: 2, 'class': 'stage-bar' }));
      g.appendChild(svg('text', { x: x + 10, y: top + 20, 'class': 'stage-name' }, t(s.stage)));
      g.appendChild(svg('text', { x: x + 10, y: top + 42, 'class': 'stage-visitors' }, s.visitors + ' ' + t('visitors')));
      g.appendChild(svg('text', { x: x + 10, y: top + 60, 'class': 'muted' }, s.touchpoints + ' ' + t('touchpoints')));
      s.topTouchpoints.forEach(function (tp, k) {
        g.appendChild(svg('text', { x: x + 10, y: top + 84 + k * 18, 'class': 'muted' }, tp.name + ' · ' + tp.count));
      });
      root.appendChild(g);
      if (i < stages.length - 1) {
        var x1 = x + boxW + 4, x2 = x + boxW + gap - 4, y = top + boxH / 2;
        root.appendChild(svg('line', { x1: x1, y1: y, x2: x2, y2: y, 'class': 'arrow', 'marker-end': 'url(#tp-arrow)' }));
        root.appendChild(svg('text', { x: (x1 + x2) / 2, y: y - 10, 'text-anchor': 'middle', 'class': 'conv', 'data-conversion': s.stage }, pct(s.conversion)));
        root.appendChild(svg('text', { x: (x1 + x2) / 2, y: y + 20, 'text-anchor': 'middle', 'class': 'muted' }, duration(s.medianMsToNext)));
      }
    });
    chart.appendChild(root);

    var channelColumns = [{ label: 'channel', value: function (c) { return c.channel; } }, { label: 'visitors', num: true, value: function (c) { return c.visitors; } }];
    STAGES[model].forEach(function (stage, i) {
      channelColumns.push({ label: stage, num: true, value: function (c) {
        var s = c.stages[model][i];
        return s.visitors + (s.conversion === null ? '' : ' → ' + pct(s.conversion));
      } });
    });
    fillTable('channel-table', channelColumns, j.byChannel);
    fillTable('breaks-table', [
      { label: 'touchpoint', value: function (b) { return b.name; } },
      { label: 'reached', num: true, value: function (b) { return b.reached; } },
      { label: 'abandoned', num: true, value: function (b) { return b.abandoned; } },
      { label: 'share', num: true, value: function (b) { return pct(b.share); } }
    ], j.abandonment);
  }

  // ——— ads ———
  function flags(list) {
    var span = el('span');
    // Relevance flags carry their words in both languages; the others are in English only.
    list.forEach(function (f) { span.appendChild(el('span', 'flag', [(f.messages && f.messages[lang]) || f.message])); });
    return span;
  }
  function renderAds() {
    fillTable('ads-table', [
      { label: 'campaign', value: function (r) { return [r.source, r.medium, r.campaign].filter(Boolean).join(' / '); } },
      { label: 'termContent', value: function (r) { return [r.term, r.content].filter(Boolean).join(' / '); } },
      { label: 'page', value: function (r) { return r.path; } },
      { label: 'title', value: function (r) { return r.title; } },
      { label: 'landings', num: true, value: function (r) { return r.landings; } },
      { label: 'bounce', num: true, value: function (r) { return pct(r.bounceRate); } },
      { label: 'signUp', num: true, value: function (r) { return pct(r.signUpRate); } },
      { label: 'purchase', num: true, value: function (r) { return pct(r.purchaseRate); } },
      { label: 'lcp', num: true, value: function (r) { return duration(r.lcpP75); } },
      { label: 'relevance', num: true, value: function (r) { return r.relevance; } },
      { label: 'flags', value: function (r) { return flags(r.flags); } }
    ], data.ads.rows);
  }

  // ——— feedback ———
  function renderFeedback() {
    var rows = data.feedback.touchpoints;
    var chart = $('nps-chart');
    chart.textContent = '';
    var withNps = rows.filter(function (r) { return r.nps !== null; });
    if (withNps.length) {
      var labelW = 160, barW = 400, rowH = 26, width = labelW + barW + 60;
      var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + (withNps.length * rowH + 10), width: width, height: withNps.length * rowH + 10, role: 'img', 'aria-label': t('nps') });
      var zero = labelW + barW / 2;
      root.appendChild(svg('line', { x1: zero, y1: 0, x2: zero, y2: withNps.length * rowH + 10, 'class': 'axis' }));
      withNps.forEach(function (r, i) {
        var y = 5 + i * rowH;
        var w = Math.abs(r.nps) / 100 * (barW / 2);
        var g = svg('g', { 'class': 'nps-row', 'data-touchpoint': r.touchpoint });
        g.appendChild(svg('text', { x: 0, y: y + 15 }, r.touchpoint));
        g.appendChild(svg('rect', { x: r.nps < 0 ? zero - w : zero, y: y + 3, width: Math.max(w, 1), height: rowH - 8, 'class': 'bar-' + r.sentiment }));
        g.appendChild(svg('text', { x: labelW + barW + 8, y: y + 15, 'class': 'nps-value' }, r.nps));
        root.appendChild(g);
      });
      chart.appendChild(root);
    }
    fillTable('feedback-table', [
      { label: 'touchpoint', value: function (r) { return r.touchpoint; } },
      { label: 'stage', value: function (r) { return r.p5 ? t(r.p5) : '—'; } },
      { label: 'nps', num: true, value: function (r) { return r.nps === null ? '—' : r.nps; } },
      { label: 'csat', num: true, value: function (r) { return pct(r.csat); } },
      { label: 'responses', num: true, value: function (r) { return r.npsResponses + r.csatResponses; } },
      { label: 'sentiment', className: function (r) { return r.sentiment; }, value: function (r) { return t(r.sentiment); } }
    ], rows);
  }

  // ——— checks ———
  function renderChecks() {
    var results = (data.checks && data.checks.results) || [];
    fillTable('checks-table', [
      { label: 'ad', value: function (r) { return r.adId; } },
      { label: 'status', num: true, value: function (r) { return r.status || '—'; } },
      { label: 'score', num: true, value: function (r) { return r.relevance ? r.relevance.score : '—'; } },
      { label: 'time', num: true, value: function (r) { return duration(r.totalMs); } },
      { label: 'problems', className: function (r) { return r.ok ? 'ok' : ''; }, value: function (r) {
        return r.ok ? t('ok') : flags(r.problems);
      } },
      { label: 'visitorsSaw', value: function (r) {
        var v = r.visitors;
        return v ? v.landings + ' · ' + t('bounce') + ' ' + pct(v.bounceRate) + ' · ' + t('signUp') + ' ' + pct(v.signUpRate) + ' · ' + t('lcp') + ' ' + duration(v.lcpP75) : '—';
      } },
      { label: 'checkedAt', value: function (r) { return new Date(r.checkedAt).toLocaleString(lang); } }
    ], results);
    // "Check now" is an admin's: a viewer sees the results only.
    $('check-now').hidden = roles[$('site').value] !== 'admin';
    $('check-now').disabled = !$('site').value;
  }

  function renderAll() {
    if (data.journey) renderJourney();
    if (data.ads) renderAds();
    if (data.feedback) renderFeedback();
    if (data.checks) renderChecks();
    var note = $('shared-note');
    if (!note.hidden) {
      note.textContent = t('sharedNote').replace('{site}', note.getAttribute('data-site')).replace('{date}', new Date(Number(note.getAttribute('data-until'))).toLocaleDateString(lang));
    }
  }
  function applyLanguage() {
    document.documentElement.lang = lang;
    $('lang').value = lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
    if ($('site').options[0] && $('site').options[0].value === '') $('site').options[0].textContent = t('allSites');
    renderAll();
  }

  function start() {
    ['from', 'to'].forEach(function (k) { if (params.get(k)) $(k).value = params.get(k); });
    applyLanguage();
    $('lang').addEventListener('change', function () {
      lang = $('lang').value;
      store.setItem('tp.lang', lang);
      applyLanguage();
    });
    $('model').addEventListener('change', renderAll);
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var key = $('token').value;
      $('token').value = '';
      signIn(key).then(loadSites).then(load, function (err) { if (err.message !== 'unauthorized') setStatus(err.message, true); });
    });
    $('sign-out').addEventListener('click', signOut);
    $('check-now').addEventListener('click', function () {
      var button = $('check-now');
      button.disabled = true;
      setStatus(t('checking'));
      api('/api/check-ads?site=' + encodeURIComponent($('site').value), { method: 'POST' }).then(function (body) {
        data.checks = body;
        renderChecks();
        setStatus(t('loaded') + ' ' + new Date().toLocaleTimeString(lang));
      }, function (err) {
        if (err.message !== 'unauthorized') setStatus(t('error') + ': ' + err.message, true);
      }).then(function () { button.disabled = false; });
    });
    if (shared) {
      $('filters').querySelector('label').hidden = true;
      return loadShared();
    }
    (linkKey ? signIn(linkKey) : currentSession()).then(function (session) {
      if (!session) return askToken(t('needToken'));
      return loadSites().then(load);
    }).then(null, function (err) { if (err.message !== 'unauthorized') setStatus(err.message, true); });
  }
  start();
})();
`;
