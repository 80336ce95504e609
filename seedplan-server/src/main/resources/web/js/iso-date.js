// Dates the user types and reads, in ISO order (yyyy-mm-dd) whatever the browser's language. An <input type=date>
// shows and takes its date in the browser's locale (mm/dd/yyyy in an en-US Chromium, dd/mm/yyyy in en-GB) while every
// other date of the application is ISO; these text inputs are ISO everywhere, and say what is wrong with a bad date.
import { h } from './dom.js';
import { dateProblem } from './forms/fields.js';

/** A date input in ISO order: a text field with the yyyy-mm-dd hint, marked invalid (with the reason as its title) when left with a bad date. */
export function isoDateInput(attributes = {}) {
  const input = h('input', {
    type: 'text', inputmode: 'numeric', placeholder: 'yyyy-mm-dd', maxlength: 10, autocomplete: 'off', spellcheck: 'false', class: 'date',
    ...attributes,
  });
  markIsoDate(input);
  return input;
}

/** Gives an existing text input (in the page's HTML) the ISO date behaviour: checked when the user leaves it. */
export function markIsoDate(input) {
  input.addEventListener('change', () => checked(input));
}

/** The problem with the input's date ('' when empty or a real yyyy-mm-dd date), shown on the input: aria-invalid and title. */
function checked(input) {
  const value = input.value.trim();
  const problem = value ? dateProblem(value) : '';
  if (problem) {
    input.setAttribute('aria-invalid', 'true');
    input.title = problem;
  } else {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('title');
  }
  return problem;
}

/** The ISO date typed in the input ('' when empty); a bad date throws an Error whose message names `what` and says the form. */
export function isoDateOf(input, what) {
  const problem = checked(input);
  if (problem) {
    input.focus();
    throw new Error(`${what}: ${problem}`);
  }
  return input.value.trim();
}
