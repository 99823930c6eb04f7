// A JSON value pretty-printed as DOM text, with the value at one JSON pointer highlighted.
import { add, h } from './dom.js';

const escapeToken = (t: string): string => t.replace(/~/g, '~0').replace(/\//g, '~1');

function render(value: unknown, pointer: string, target: string, indent: string, out: Node[]): void {
  const start = out.length;
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(document.createTextNode('[]'));
    else {
      out.push(document.createTextNode('[\n'));
      value.forEach((item, i) => {
        out.push(document.createTextNode(`${indent}  `));
        render(item, `${pointer}/${i}`, target, `${indent}  `, out);
        out.push(document.createTextNode(i < value.length - 1 ? ',\n' : '\n'));
      });
      out.push(document.createTextNode(`${indent}]`));
    }
  } else if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push(document.createTextNode('{}'));
    else {
      out.push(document.createTextNode('{\n'));
      entries.forEach(([k, v], i) => {
        out.push(document.createTextNode(`${indent}  ${JSON.stringify(k)}: `));
        render(v, `${pointer}/${escapeToken(k)}`, target, `${indent}  `, out);
        out.push(document.createTextNode(i < entries.length - 1 ? ',\n' : '\n'));
      });
      out.push(document.createTextNode(`${indent}}`));
    }
  } else out.push(document.createTextNode(JSON.stringify(value)));
  if (pointer === target) {
    const mark = h('mark', { class: 'diff', 'data-pointer': pointer, title: `first difference: ${pointer || '(whole answer)'}` });
    mark.append(...out.splice(start));
    out.push(mark);
  }
}

/** A <pre> of `text` (JSON); the value at `pointer` is wrapped in <mark class="diff">. */
export function jsonView(text: string, pointer: string, label: string): HTMLElement {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return h('pre', { class: 'json', 'aria-label': label }, text);
  }
  const nodes: Node[] = [];
  render(value, '', pointer, '', nodes);
  const pre = h('pre', { class: 'json', 'aria-label': label, tabindex: 0 });
  pre.append(...nodes);
  if (pre.querySelector('mark.diff') === null) pre.prepend(h('span', { class: 'missing' }, `(nothing at ${pointer} on this side)\n`));
  return pre;
}

/** Scrolls every JSON pane under `root` so its highlighted value is in view (needs layout). */
export function revealMarks(root: ParentNode): void {
  for (const pre of root.querySelectorAll<HTMLElement>('pre.json')) {
    const mark = pre.querySelector<HTMLElement>('mark.diff');
    if (mark !== null && pre.clientHeight > 0) pre.scrollTop = Math.max(0, mark.offsetTop - pre.clientHeight / 3);
  }
}
