// Form helpers: labelled fields that carry the API's field name (data-field), and the API's
// refusal placed beside the field it names (error.field) with aria-invalid and aria-describedby,
// as the registry's edit form does. Every form of the app marks its refusals this way.
import { clearAlert, el, errorMessage, showError } from './common.js';

/** A labelled field: <div class="field" data-field=name><label>…</label>input</div>. */
export function field(name, label, input, { req = false, hint = '' } = {}) {
  if (!input.id) input.id = `f-${name}`;
  if (!input.name) input.name = name;
  return el('div', { class: 'field', dataset: { field: name } },
    el('label', { for: input.id }, label, req ? el('span', { class: 'req' }, '必須') : ''),
    input, hint ? el('p', { class: 'hint' }, hint) : '');
}

/** A <select> of [value, label] pairs. */
export function select(pairs, value = '') {
  const s = el('select', {}, ...pairs.map(([v, l]) => el('option', { value: v }, l)));
  s.value = value;
  return s;
}

/** A group of checkboxes (fieldset.field, data-field=name) over [code, label] pairs. */
export function checks(name, legend, pairs) {
  return el('fieldset', { class: 'field', dataset: { field: name } }, el('legend', {}, legend),
    el('div', { class: 'check-list' }, ...pairs.map(([code, label]) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name, value: code }), label))));
}

/** The codes checked in the checkbox group name of form. */
export function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

/** Removes every field error of root (and the page alert). */
export function clearErrors(root = document) {
  for (const p of root.querySelectorAll('.field-error')) p.remove();
  for (const f of root.querySelectorAll('.field.has-error')) f.classList.remove('has-error');
  for (const i of root.querySelectorAll('[aria-invalid]')) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
  clearAlert();
}

/** Puts message beside the field named field inside root and focuses it; false when root has no
 *  such field. kind 'problem' marks a team problem (not a refusal) with its code. */
export function showFieldError(root, fieldName, message, { code = '', focus = true } = {}) {
  const sel = `[data-field="${CSS.escape(fieldName)}"]`;
  const box = root.querySelector(`.field${sel}`) || root.querySelector(sel);
  if (!box) return false;
  const id = `err-${fieldName}-${box.querySelectorAll('.field-error').length}`;
  box.classList.add('has-error');
  const p = el('p', { class: 'field-error', id, dataset: code ? { code } : {} }, message);
  box.append(p);
  const input = box.matches('fieldset') ? null : box.querySelector('input, select, textarea');
  if (!input && focus) { box.tabIndex = -1; box.focus(); }
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    if (focus) input.focus();
  }
  return true;
}

/** The API's refusal r of a form's request: root's earlier marks cleared, the message beside the
 *  field the API named (fieldOf maps an API field name to the form's data-field when they differ)
 *  and in the page alert. */
export function showRefusal(root, r, fieldOf = (f) => f) {
  clearErrors(root);
  const e = r.json && r.json.error;
  if (e && e.field) showFieldError(root, fieldOf(e.field), e.message);
  showError(errorMessage(r));
}
