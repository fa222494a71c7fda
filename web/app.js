// redflag's page: paste a message, read the answer in plain words. No
// framework and nothing from other sites; every text from the API is put in
// the page as text (textContent), never as HTML.
'use strict';

const state = { lang: 'en', t: {}, countries: [] };

// el('p', {class: 'x'}, 'text', child) -> <p class="x">text<child></p>
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === '') continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function t(key) { return state.t[key] || key; }

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = new Error((data.error && data.error.message) || res.statusText);
    e.status = res.status;
    throw e;
  }
  return data;
}

// ---- Interface language ---------------------------------------------------

async function setLanguage(lang) {
  const texts = await api(`/i18n/${lang}.json`).catch(() => null);
  if (!texts) return;
  state.lang = lang;
  state.t = texts;
  document.documentElement.lang = lang;
  document.documentElement.dir = texts.dir || 'ltr';
  document.title = texts.title || document.title;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const text = texts[node.dataset.i18n];
    if (text) node.textContent = text;
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    const text = texts[node.dataset.i18nLabel];
    if (text) node.setAttribute('aria-label', text);
  }
  document.getElementById('ui-lang').value = lang;
  // Answers already shown are in the old language: ask again to see them in the new one.
  document.getElementById('result').replaceChildren();
  document.getElementById('contact-result').replaceChildren();
  try { localStorage.setItem('redflag.lang', lang); } catch (_) { /* private mode */ }
  await loadCountries();
  route();
}

function toggleLargeText() {
  const button = document.getElementById('large-text');
  const on = !document.documentElement.classList.contains('large');
  document.documentElement.classList.toggle('large', on);
  button.setAttribute('aria-pressed', String(on));
  try { localStorage.setItem('redflag.large', on ? '1' : ''); } catch (_) { /* private mode */ }
}

async function loadCountries() {
  const select = document.getElementById('country');
  const chosen = select.value;
  const data = await api(`/v1/countries?lang=${state.lang}`).catch(() => ({ countries: [] }));
  state.countries = data.countries;
  select.replaceChildren(el('option', { value: '' }, t('country_none')),
    ...data.countries.map((c) => el('option', { value: c.code }, c.name)));
  select.value = chosen;
}

// ---- Check a message ------------------------------------------------------

// The report's evidence offsets are UTF-8 byte offsets; the page's strings are
// UTF-16. Marks the spans of `ranges` ({start, end, label}) in `text`.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const cuts = new Set([0, bytes.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= bytes.length).sort((a, b) => a - b);
  const out = el('div', { class: 'message', lang: '', dir: 'auto' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = ranges.filter((r) => r.start <= a && r.end >= b);
    const piece = decode(a, b);
    if (covering.length === 0) { out.append(piece); continue; }
    const labels = [...new Set(covering.map((r) => r.label))].join(', ');
    out.append(el('mark', { title: labels, 'data-flags': covering.map((r) => r.id).join(' ') }, piece));
  }
  return out;
}

function verdictBox(verdict, detail, titleKey = `verdict_${verdict}`) {
  const title = t(titleKey);
  const plain = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const heading = el('h2', { tabindex: '-1' }, title);
  // The engine's summary often says the same in other words; say it once.
  return el('div', { class: `verdict ${verdict}`, 'data-verdict': verdict }, heading,
    plain(detail) === plain(title) ? '' : el('p', {}, detail));
}

function reportContact(c) {
  const links = [];
  if (c.url) links.push(el('a', { href: c.url, rel: 'noopener noreferrer', class: 'ltr' }, c.url));
  if (c.phone) links.push(el('a', { href: `tel:${c.phone.replace(/\s+/g, '')}`, class: 'ltr' }, c.phone));
  if (c.sms) links.push(el('a', { href: `sms:${c.sms}`, class: 'ltr' }, `SMS ${c.sms}`));
  if (c.email) links.push(el('a', { href: `mailto:${c.email}`, class: 'ltr' }, c.email));
  const parts = [];
  links.forEach((l, i) => { if (i) parts.push(' · '); parts.push(l); });
  return el('li', {}, c.name ? el('strong', {}, c.name) : '', c.what ? el('p', {}, c.what) : '', el('p', {}, parts));
}

function renderReport(report, text) {
  const result = document.getElementById('result');
  const ranges = [];
  for (const f of report.red_flags)
    for (const e of f.evidence) if (e.field === 'text') ranges.push({ start: e.start, end: e.end, label: f.title, id: f.id });
  // No red flags, yet weak signs listed: say so, rather than "no red flags" above a list of them.
  const weak = report.verdict === 'no_red_flags' && report.red_flags.length > 0;
  const box = verdictBox(report.verdict, report.summary, weak ? 'verdict_weak_signs' : undefined);
  const parts = [box];
  if (report.red_flags.length) {
    parts.push(el('h2', {}, t('your_message')), el('p', { class: 'muted' }, t('highlight_hint')), highlighted(text, ranges));
    parts.push(el('h2', {}, t(weak ? 'weak_signs' : 'red_flags')), el('ul', { class: 'flags' }, report.red_flags.map((f) =>
      el('li', { 'data-flag': f.id }, el('strong', {}, f.title), el('span', {}, f.explanation),
        el('span', { class: 'severity' }, ` (${t(`severity_${f.severity}`)})`)))));
  }
  if (report.scams.length) {
    parts.push(el('h2', {}, t('known_scam')), el('ul', {}, report.scams.map((s) =>
      el('li', {}, el('a', { href: `#scam/${encodeURIComponent(s.id)}` }, s.name)))));
  }
  const advice = report.advice;
  parts.push(el('h2', {}, t('what_to_do')));
  if (advice.protect.length) parts.push(el('h3', {}, t('protect')), el('ul', {}, advice.protect.map((a) => el('li', {}, a.text))));
  if (advice.recover.length) {
    parts.push(el('h3', {}, t('recover')), el('ul', {}, advice.recover.map((a) =>
      el('li', {}, a.when ? el('strong', {}, `${t(`when_${a.when}`)}: `) : '', a.text))));
  }
  // A report with no red flags still says where to report, for a reader who is unsure, not as a verdict.
  const reportHeading = report.verdict === 'no_red_flags' ? 'report_if_unsure' : 'report';
  if (advice.report.length) parts.push(el('h3', {}, t(reportHeading)), el('ul', { class: 'flags' }, advice.report.map(reportContact)));
  if (report.contacts.length && report.verdict !== 'no_red_flags') parts.push(shareForm(report, text));
  result.replaceChildren(...parts);
  box.querySelector('h2').focus();
}

// A person may send the scam's contact points to the service; the text only if they tick the box.
function shareForm(report, text) {
  const consent = el('input', { type: 'checkbox', id: 'share-consent' });
  const status = el('p', { role: 'status', id: 'share-status' });
  const button = el('button', { type: 'submit' }, t('share_button'));
  const form = el('form', { id: 'share-form' }, el('h2', {}, t('share_title')), el('p', {}, t('share_intro')),
    el('p', {}, consent, ' ', el('label', { for: 'share-consent', class: 'inline' }, t('share_consent'))), button, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      contacts: report.contacts.map((c) => ({ kind: c.kind === 'domain' ? 'url' : c.kind, value: c.value })).slice(0, 20),
      consent: consent.checked,
    };
    if (consent.checked) body.text = text;
    if (report.channel) body.channel = report.channel;
    if (report.scams.length) body.scam = report.scams[0].id;
    const country = document.getElementById('country').value;
    if (country) body.country = country;
    try {
      await api('/v1/reports', body);
      status.textContent = t('share_done');
      button.disabled = true;
    } catch (e) {
      status.textContent = `${t('error')} ${e.message}`;
    }
  });
  return form;
}

async function onCheck(event) {
  event.preventDefault();
  const error = document.getElementById('check-error');
  error.hidden = true;
  const text = document.getElementById('message').value;
  if (!text.trim()) {
    error.textContent = t('empty_message');
    error.hidden = false;
    return;
  }
  const body = { text, lang: state.lang };
  for (const name of ['channel', 'country', 'from', 'subject']) {
    const value = document.getElementById(name).value.trim();
    if (value) body[name] = value;
  }
  try {
    renderReport(await api('/v1/check', body), text);
  } catch (e) {
    error.textContent = `${t('error')} ${e.message}`;
    error.hidden = false;
  }
}

// ---- Check a contact ------------------------------------------------------

async function onContact(event) {
  event.preventDefault();
  const error = document.getElementById('contact-error');
  error.hidden = true;
  const value = document.getElementById('contact-value').value.trim();
  const out = document.getElementById('contact-result');
  if (!value) {
    error.textContent = t('empty_contact');
    error.hidden = false;
    return;
  }
  try {
    const v = await api('/v1/verify', { value, lang: state.lang });
    const box = verdictBox(`contact_${v.verdict}`, v.explanation);
    box.className = `verdict ${v.verdict}`;
    const parts = [box, el('p', {}, el('span', { class: 'ltr' }, v.normalized))];
    if (v.brand) parts.push(el('p', {}, el('a', { href: `#brand/${encodeURIComponent(v.brand)}` }, t('see_brand'))));
    out.replaceChildren(...parts);
    box.querySelector('h2').focus();
  } catch (e) {
    error.textContent = `${t('error')} ${e.message}`;
    error.hidden = false;
  }
}

// ---- Library: scams and brands -------------------------------------------

function list(title, items) {
  if (!items || !items.length) return [];
  return [el('h2', {}, title), el('ul', {}, items.map((i) => el('li', {}, i)))];
}

function sources(items) {
  if (!items || !items.length) return [];
  return [el('h2', {}, t('sources')), el('ul', {}, items.map((s) =>
    el('li', {}, el('a', { href: s.url, rel: 'noopener noreferrer' }, s.title || s.url))))];
}

async function showScams() {
  const data = await api(`/v1/scams?lang=${state.lang}`);
  document.getElementById('scam-list').replaceChildren(...data.scams.map((s) =>
    el('li', {}, el('a', { href: `#scam/${encodeURIComponent(s.id)}` }, el('strong', {}, s.name), s.summary))));
}

async function showBrands() {
  const data = await api('/v1/brands');
  document.getElementById('brand-list').replaceChildren(...data.brands.map((b) =>
    el('li', {}, el('a', { href: `#brand/${encodeURIComponent(b.id)}` }, el('strong', {}, b.name), t(`category_${b.category}`)))));
}

async function showScam(id) {
  const s = await api(`/v1/scams/${encodeURIComponent(id)}?lang=${state.lang}`);
  const stages = ['before_replying', 'replied', 'shared_code', 'installed', 'paid'];
  const country = state.countries.find((c) => c.code === document.getElementById('country').value);
  return [el('h1', { tabindex: '-1' }, s.name), el('p', {}, s.summary),
    ...list(t('how_it_works'), s.how_it_works), ...list(t('red_flags'), s.red_flags),
    ...list(t('protect'), s.advice.before_replying),
    ...stages.slice(1).flatMap((stage) => list(`${t('recover')}: ${t(`when_${stage}`)}`, s.advice[stage])),
    el('h2', {}, t('report')),
    country ? el('ul', { class: 'flags' }, country.report.map(reportContact)) : el('p', {}, t('choose_country')),
    ...(s.faq.length ? [el('h2', {}, t('faq')), ...s.faq.flatMap((f) => [el('h3', {}, f.q), el('p', {}, f.a)])] : []),
    ...sources(s.sources), el('p', { class: 'reviewed' }, `${t('last_reviewed')} ${s.last_reviewed}`)];
}

async function showBrand(id) {
  const b = await api(`/v1/brands/${encodeURIComponent(id)}`);
  const ltr = (items) => (items || []).map((x) => el('span', { class: 'ltr' }, x));
  return [el('h1', { tabindex: '-1' }, b.name),
    ...list(t('official_websites'), ltr(b.domains.web)), ...list(t('official_email'), ltr(b.domains.email)),
    ...list(t('official_numbers'), ltr([...(b.phones || []), ...(b.short_codes || [])])),
    ...list(t('never_uses'), (b.channels.never || []).map((c) => t(`channel_${c}`) === `channel_${c}` ? c : t(`channel_${c}`))),
    ...list(t('never_asks'), b.never_asks_for),
    ...list(t('statements'), (b.statements || []).map((s) => `“${s.text}”`)),
    ...(b.verify_tool ? [el('h2', {}, t('verify_tool')), el('p', {}, el('a', { href: b.verify_tool.url, rel: 'noopener noreferrer' }, b.verify_tool.name))] : []),
    ...(b.report.length ? [el('h2', {}, t('report')), el('ul', { class: 'flags' }, b.report.map(reportContact))] : []),
    ...sources(b.sources), el('p', { class: 'reviewed' }, `${t('last_reviewed')} ${b.last_reviewed}`)];
}

// ---- Navigation -----------------------------------------------------------

async function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || 'check';
  const [view, id] = hash.split('/');
  const shown = { check: 'check', contact: 'contact', scams: 'scams', brands: 'brands', scam: 'detail', brand: 'detail' }[view] || 'check';
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${shown}`;
  for (const a of document.querySelectorAll('nav a')) {
    const current = a.getAttribute('href') === `#${view}` || (view === 'scam' && a.getAttribute('href') === '#scams') ||
      (view === 'brand' && a.getAttribute('href') === '#brands');
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    if (shown === 'scams') await showScams();
    if (shown === 'brands') await showBrands();
    if (shown === 'detail') {
      document.getElementById('detail-back').href = view === 'scam' ? '#scams' : '#brands';
      const article = document.getElementById('detail');
      article.replaceChildren(...await (view === 'scam' ? showScam(id) : showBrand(id)));
      article.querySelector('h1').focus();
    }
  } catch (e) {
    document.getElementById('detail').replaceChildren(el('p', { class: 'error', role: 'alert' }, `${t('error')} ${e.message}`));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('check-form').addEventListener('submit', onCheck);
  document.getElementById('contact-form').addEventListener('submit', onContact);
  document.getElementById('ui-lang').addEventListener('change', (e) => setLanguage(e.target.value));
  document.getElementById('large-text').addEventListener('click', toggleLargeText);
  window.addEventListener('hashchange', route);
  let lang = 'en';
  try {
    if (localStorage.getItem('redflag.large')) toggleLargeText();
    lang = localStorage.getItem('redflag.lang') || '';
  } catch (_) { /* private mode */ }
  if (!lang) lang = (navigator.language || 'en').slice(0, 2);
  if (!['en', 'ur', 'fr', 'it'].includes(lang)) lang = 'en';
  setLanguage(lang);
});
