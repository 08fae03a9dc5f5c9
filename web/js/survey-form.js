// The answer form of a clinic survey (issue 18 §1), shared by the clinic's page reached by its
// personal link (/survey/answer) and the coordinator's paper entry (/survey): one fieldset per
// question (single: radio buttons, multiple: check boxes, number, text), the free text beside an
// option marked with_text (その他【】, 具体的な条件【】), and questions asked only after a given answer
// (「1. で「はい」と回答いただいた先生に」) shown only then. The server checks every answer again.
import { el } from './common.js';

/** Renders questions into host with answers/notes filled in; returns {collect, markError}. */
export function renderSurveyForm(host, questions, answers = {}, notes = {}, prefix = 'q') {
  const sets = new Map();
  host.replaceChildren();
  questions.forEach((q, i) => {
    const id = `${prefix}-${q.key}`;
    const legend = el('legend', {}, `問${i + 1}　${q.text}`, q.required ? el('span', { class: 'required' }, '（必須）') : '');
    const fs = el('fieldset', { class: 'field survey-q', dataset: { field: q.key, kind: q.kind } }, legend);
    const have = answers[q.key];
    if (q.kind === 'single' || q.kind === 'multiple') {
      const chosen = new Set(Array.isArray(have) ? have : have ? [have] : []);
      for (const o of q.options) {
        const oid = `${id}-${o.key}`;
        const input = el('input', { type: q.kind === 'single' ? 'radio' : 'checkbox', name: id, value: o.key, id: oid, checked: chosen.has(o.key) });
        const row = el('div', { class: 'survey-option' }, input, ' ', el('label', { for: oid }, o.label));
        if (o.with_text) {
          const nid = `${id}-note`;
          row.append(' ', el('label', { for: nid, class: 'visually-hidden' }, `${o.label}の記入欄`),
            el('input', { type: 'text', id: nid, class: 'survey-note', maxlength: '200', value: notes[q.key] || '' }));
        }
        fs.append(row);
      }
    } else if (q.kind === 'number') {
      fs.append(el('div', { class: 'survey-number' },
        el('label', { for: id, class: 'visually-hidden' }, q.text),
        el('input', { type: 'number', id, inputmode: 'decimal', min: q.min, max: q.max, step: q.integer ? '1' : 'any', value: have ?? '' }),
        q.unit ? ` ${q.unit}` : ''));
    } else {
      fs.append(el('label', { for: id, class: 'visually-hidden' }, q.text),
        el('textarea', { id, rows: '3', maxlength: '1000' }, have || ''));
    }
    sets.set(q.key, fs);
    host.append(fs);
  });
  const value = (q) => {
    const id = `${prefix}-${q.key}`;
    if (q.kind === 'single') {
      const c = host.querySelector(`input[name="${id}"]:checked`);
      return c ? c.value : null;
    }
    if (q.kind === 'multiple') return [...host.querySelectorAll(`input[name="${id}"]:checked`)].map((c) => c.value);
    const v = document.getElementById(id).value.trim();
    if (q.kind === 'number') return v === '' ? null : Number(v);
    return v === '' ? null : v;
  };
  const refresh = () => {
    for (const q of questions) {
      if (!q.when_key) continue;
      const w = questions.find((x) => x.key === q.when_key);
      sets.get(q.key).hidden = !(w && value(w) === q.when_value);
    }
  };
  host.addEventListener('change', refresh);
  refresh();
  return {
    collect() {
      const out = { answers: {}, notes: {} };
      for (const q of questions) {
        if (sets.get(q.key).hidden) continue;
        const v = value(q);
        if (v !== null && !(Array.isArray(v) && v.length === 0)) out.answers[q.key] = v;
        const note = document.getElementById(`${prefix}-${q.key}-note`);
        if (note && note.value.trim()) out.notes[q.key] = note.value.trim();
      }
      return out;
    },
    markError(field) {
      for (const f of host.querySelectorAll('.field-error')) f.classList.remove('field-error');
      const fs = sets.get(field);
      if (fs) {
        fs.classList.add('field-error');
        fs.scrollIntoView({ block: 'center' });
        const first = fs.querySelector('input, textarea');
        if (first) first.focus();
      }
    },
  };
}
