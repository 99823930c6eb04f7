// The page's only view helper: build elements from a tag, attributes and children. Plain DOM
// keeps the bundle a few KB (a framework would be most of the budget) and needs no dependency.
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

function apply(el: Element, attrs: Attrs | null | undefined): void {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', String(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Appends children, skipping null, undefined and false, flattening arrays. */
export function append(el: Element, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: (Child | readonly Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs?: Attrs | null, ...children: (Child | readonly Child[])[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Text only screen readers announce (the visual carries it by colour or shape). */
export const srOnly = (text: string): HTMLSpanElement => h('span', { class: 'sr-only' }, text);

export function add(el: Element, ...children: (Child | readonly Child[])[]): void {
  append(el, children);
}

/** A labelled <select>; `onChange` gets the chosen value. */
export function selectBox(label: string, options: readonly { value: string; text: string }[], chosen: string, onChange: (value: string) => void, id: string): HTMLElement {
  const select = h('select', { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) }, options.map((o) => h('option', { value: o.value, selected: o.value === chosen }, o.text)));
  return h('label', { class: 'control', for: id }, `${label} `, select);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
