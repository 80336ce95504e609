// Messages at the field: every input of a form carries data-field="<the API's field name>" (visitDate,
// measurements.12.longestMm, qlqC30.5, labs.0.value …), so a check in the browser and a problem detail from the server
// (which names the field) put their message under the same input.
import { h } from '../dom.js';

/** An input with its label and the place for its message: {wrap, input}. */
export function fieldOf(label, field, input, hint) {
  input.dataset.field = field;
  if (!input.id) input.id = `f-${field.replace(/[^A-Za-z0-9]/g, '-')}`;
  const message = h('p', { class: 'field-error', id: `${input.id}-error`, role: 'alert', hidden: true });
  input.setAttribute('aria-describedby', message.id);
  const wrap = h('div', { class: 'field' }, label ? h('label', { for: input.id }, label) : null, input, hint ? h('span', { class: 'hint' }, hint) : null, message);
  return { wrap, input };
}

/** Shows {@code text} at the input of {@code field} inside {@code root}; returns false when no such input is shown. */
export function setFieldError(root, field, text) {
  const input = root.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  const message = document.getElementById(input.getAttribute('aria-describedby'));
  if (message) {
    message.textContent = text;
    message.hidden = false;
  }
  return true;
}

/** Clears the message of one field. */
export function clearFieldError(root, field) {
  const input = root.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!input) return;
  input.removeAttribute('aria-invalid');
  const message = document.getElementById(input.getAttribute('aria-describedby'));
  if (message) {
    message.textContent = '';
    message.hidden = true;
  }
}

/** Clears every field message inside {@code root}. */
export function clearAllErrors(root) {
  root.querySelectorAll('[data-field]').forEach((i) => clearFieldError(root, i.dataset.field));
}

/** The first invalid input inside root, focused and scrolled into view. */
export function focusFirstError(root) {
  const first = root.querySelector('[aria-invalid="true"]');
  if (first) {
    first.focus();
    first.scrollIntoView({ block: 'center' });
  }
}

/** A number typed in an input: null when empty, NaN when not a number. */
export function numberOf(input) {
  const s = input.value.trim().replace(',', '.');
  if (s === '') return null;
  return /^[-+]?\d*\.?\d+$/.test(s) ? Number(s) : NaN;
}

/** A whole-number input's value: null when empty, NaN when not a whole number. */
export function integerOf(input) {
  const s = input.value.trim();
  if (s === '') return null;
  return /^[-+]?\d+$/.test(s) ? Number(s) : NaN;
}

/** Checks a yyyy-MM-dd text: an error text, or '' when it is a real calendar date. */
export function dateProblem(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `“${text}” is not a date; type yyyy-mm-dd, e.g. 2026-04-01`;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return `${text} does not exist in the calendar`;
  return '';
}

/** Checks a partial date yyyy, yyyy-MM or yyyy-MM-dd: an error text, or ''. Returns also its precision via precisionOf. */
export function partialDateProblem(text) {
  if (/^\d{4}$/.test(text)) return '';
  if (/^\d{4}-\d{2}$/.test(text)) {
    const m = Number(text.slice(5, 7));
    return m >= 1 && m <= 12 ? '' : `${text}: the month must be 01–12`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return dateProblem(text);
  return `“${text}” is not a date; type yyyy, yyyy-mm or yyyy-mm-dd`;
}

/** "year", "month" or "day": how much of a partial date is known. */
export function precisionOf(text) {
  return text.length === 4 ? 'year' : text.length === 7 ? 'month' : 'day';
}

/** The text to show at the field for a refusal of the server: its detail as written (the field is evident there). */
export function fieldMessage(error) {
  const d = (error.problem && error.problem.detail) || error.message;
  return d.charAt(0).toUpperCase() + d.slice(1);
}
