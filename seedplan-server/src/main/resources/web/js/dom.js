// Tiny DOM helpers: elements are built with textContent, never innerHTML, so stored text cannot inject markup.

/** Creates an element: h('td', {class: 'num'}, 'text', child, ...). Attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** Shows a message of a kind (error, warn, info, ok) in a message element, or hides it when text is empty. */
export function showMessage(element, kind, text) {
  element.className = `message ${kind}`;
  element.textContent = text || '';
  element.hidden = !text;
}
