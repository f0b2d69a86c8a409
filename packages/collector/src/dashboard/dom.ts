// Building the page from data. Every value is a text node or an attribute set with setAttribute, never
// parsed as HTML: a page title of "<script>…" shows as those characters (and the CSP would block it anyway).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A child: a node, or a value shown as text (`null`/`undefined` show nothing). */
export type Child = Node | string | number | null | undefined;

/** Attributes and a class name for {@link el} and {@link svg}. */
export type Attrs = Record<string, string | number | boolean | undefined>;

function append(node: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(node: Element, attrs: Attrs | undefined): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element with attributes (`class` included) and text or node children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element; `text` (optional) becomes its text content. */
export function svg(tag: string, attrs?: Attrs, text?: string | number): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(node, attrs);
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** Removes every child of `node` and appends `children`. */
export function fill(node: Node, ...children: Child[]): void {
  node.textContent = '';
  append(node, children);
}

/** The element with `id`; throws when the page shell lacks it (a build mistake, never data). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard: no #${id} in the page`);
  return node as T;
}
