// Element construction without HTML parsing: text always goes in through textContent.

export function element(tag: string, className?: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function append(parent: HTMLElement, ...children: Array<Node | undefined>): HTMLElement {
  for (const child of children) if (child) parent.append(child);
  return parent;
}

export const EMPTY = '—';

export function orDash(text: string | undefined): string {
  return text === undefined || text === '' ? EMPTY : text;
}
