// entdist page: asks /v1/annotate for every model and highlights the occurrences it finds.
// Plain JavaScript, no library: colour = most probable label, saturation = certainty.
'use strict';

(function () {
  const form = document.getElementById('form');
  const textArea = document.getElementById('text');
  const status = document.getElementById('status');
  const panels = document.getElementById('panels');
  const legend = document.getElementById('legend');
  let models = [];
  let hues = new Map();
  let request = 0;
  let timer = null;

  /** Certainty in [0, 1]: 1 - entropy / log K (K labels); 1 when there is one label only. */
  function certainty(entropy, k) {
    if (k < 2) return 1;
    return Math.max(0, Math.min(1, 1 - entropy / Math.log(k)));
  }

  /** A light background (dark text stays readable) whose saturation shows the certainty. */
  function background(label, c) {
    return 'hsl(' + hues.get(label) + ', ' + Math.round(c * 90) + '%, 82%)';
  }

  function edge(label) {
    return 'hsl(' + hues.get(label) + ', 75%, 32%)';
  }

  function percent(p) {
    return (100 * p).toFixed(1) + '%';
  }

  function setStatus(message, isError) {
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
    const json = await response.json();
    if (!response.ok) throw new Error(json.error || ('HTTP ' + response.status));
    return json;
  }

  function renderLegend(labels) {
    legend.textContent = '';
    labels.forEach(function (label) {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.setAttribute('aria-hidden', 'true');
      sw.style.background = edge(label);
      li.append(sw, document.createTextNode(label));
      legend.append(li);
    });
    document.getElementById('legend-section').hidden = false;
  }

  function makePanel(model) {
    const section = document.createElement('section');
    section.className = 'panel';
    section.dataset.model = model.model;
    const h = document.createElement('h2');
    h.id = 'panel-' + model.model;
    h.textContent = model.model + ' ';
    const regime = document.createElement('span');
    regime.className = 'regime';
    regime.textContent = '(regime ' + model.provenance.regime + ', ' + model.labels.length
      + ' labels)';
    h.append(regime);
    section.setAttribute('aria-labelledby', h.id);
    const reading = document.createElement('p');
    reading.className = 'reading';
    const bars = document.createElement('div');
    bars.className = 'bars';
    bars.setAttribute('aria-live', 'polite');
    section.append(h, reading, bars);
    panels.append(section);
    return section;
  }

  /** Shows the distribution of the occurrence at [start, end) in every panel. */
  function select(start, end) {
    panels.querySelectorAll('.panel').forEach(function (panel) {
      let found = null;
      panel.querySelectorAll('mark.occ').forEach(function (m) {
        const on = Number(m.dataset.start) === start && Number(m.dataset.end) === end;
        m.setAttribute('aria-pressed', on ? 'true' : 'false');
        if (on) found = m;
      });
      showBars(panel, found);
    });
  }

  function showBars(panel, mark) {
    const bars = panel.querySelector('.bars');
    bars.textContent = '';
    if (!mark) return;
    const occ = mark.occurrence;
    const k = panel.labelCount;
    const h = document.createElement('h3');
    h.textContent = '\u201c' + occ.surface + '\u201d: entropy ' + occ.entropy.toFixed(3)
      + ' nats, certainty ' + certainty(occ.entropy, k).toFixed(2)
      + (occ.known_word ? '' : ' (word not seen in training)');
    const ul = document.createElement('ul');
    Object.entries(occ.distribution).forEach(function (entry) {
      const label = entry[0];
      const p = entry[1];
      const li = document.createElement('li');
      li.className = 'bar';
      li.dataset.label = label;
      li.dataset.p = String(p);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = label;
      const track = document.createElement('span');
      track.className = 'track';
      track.setAttribute('role', 'img');
      track.setAttribute('aria-label', label + ' ' + percent(p));
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.width = (100 * p) + '%';
      fill.style.background = edge(label);
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = percent(p);
      li.append(name, track, value);
      ul.append(li);
    });
    bars.append(h, ul);
  }

  function renderReading(panel, text, answer) {
    const reading = panel.querySelector('.reading');
    reading.textContent = '';
    const chars = Array.from(text); // offsets count code points, as the API's do
    let at = 0;
    answer.occurrences.forEach(function (occ) {
      if (occ.start < at) return;
      reading.append(document.createTextNode(chars.slice(at, occ.start).join('')));
      const top = Object.keys(occ.distribution)[0];
      const c = certainty(occ.entropy, panel.labelCount);
      const m = document.createElement('mark');
      m.className = 'occ';
      m.tabIndex = 0;
      m.setAttribute('role', 'button');
      m.setAttribute('aria-pressed', 'false');
      m.setAttribute('aria-label', occ.surface + ': ' + top + ' ' + percent(occ.distribution[top])
        + ', certainty ' + c.toFixed(2) + '; press Enter for all labels');
      m.dataset.start = occ.start;
      m.dataset.end = occ.end;
      m.dataset.top = top;
      m.dataset.certainty = c.toFixed(4);
      m.style.background = background(top, c);
      m.style.setProperty('--edge', edge(top));
      m.textContent = chars.slice(occ.start, occ.end).join('');
      m.occurrence = occ;
      const show = function () { select(occ.start, occ.end); };
      m.addEventListener('mouseenter', show);
      m.addEventListener('focus', show);
      m.addEventListener('click', show);
      m.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(); }
      });
      reading.append(m);
      at = occ.end;
    });
    reading.append(document.createTextNode(chars.slice(at).join('')));
    if (answer.occurrences.length === 0) {
      const none = document.createElement('span');
      none.className = 'hint';
      none.textContent = ' (no word of this model in the text)';
      reading.append(none);
    }
  }

  async function annotate() {
    const text = textArea.value;
    const mine = ++request;
    setStatus('Reading\u2026');
    try {
      const answers = await Promise.all(models.map(function (m) {
        return post('/v1/annotate', { text: text, model: m.model });
      }));
      if (mine !== request) return;
      let total = 0;
      answers.forEach(function (answer, i) {
        const panel = panels.children[i];
        renderReading(panel, text, answer);
        showBars(panel, null);
        total += answer.occurrences.length;
      });
      setStatus(total === 0 ? 'No occurrence of a model word.'
        : answers[0].occurrences.length + ' occurrence(s) found. Hover, tap or Tab to a word.');
      const first = panels.querySelector('mark.occ');
      if (first) select(Number(first.dataset.start), Number(first.dataset.end));
    } catch (e) {
      if (mine === request) setStatus(e.message, true);
    }
  }

  async function init() {
    try {
      const response = await fetch('/v1/model');
      const info = await response.json();
      models = info.models;
      const labels = Array.from(new Set(models.flatMap(function (m) { return m.labels; }))).sort();
      labels.forEach(function (label, i) {
        // The golden angle keeps labels that sort next to each other far apart in hue.
        hues.set(label, Math.round(200 + i * 137.508) % 360);
      });
      renderLegend(labels);
      models.forEach(function (m) {
        makePanel(m).labelCount = m.labels.length;
      });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearTimeout(timer);
        annotate();
      });
      textArea.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(annotate, 600);
      });
      document.body.dataset.ready = 'true';
      annotate();
    } catch (e) {
      setStatus('Cannot reach the server: ' + e.message, true);
    }
  }

  init();
})();
