import type { Schemas } from '../api/client';
import { CATALOG_KIND_LABELS } from '../sessions/labels';

type Kind = Schemas['CatalogItemDto']['kind'];

/** The default must-order main courses (必点主菜) of a Friday study menu, as the api has them. */
export const DEFAULT_REQUIRED_KINDS: readonly Kind[] = ['theory', 'history', 'song'];

/**
 * The main-course rule, as the api checks it (libs/sessions menu-rules.ts): every required kind is
 * covered by at least one `main` item. Returns the kinds still missing.
 */
export function missingMainKinds(items: readonly { kind?: Kind; course?: 'main' | 'side' }[], required: readonly Kind[]): Kind[] {
  const mains = new Set(items.filter((i) => i.course === 'main' && i.kind).map((i) => i.kind));
  return required.filter((k) => !mains.has(k));
}

export function kindNames(kinds: readonly string[]): string {
  return kinds.map((k) => CATALOG_KIND_LABELS[k as Kind] ?? k).join('、');
}

/** The plain-Chinese message for missing main courses. */
export function missingMessage(missing: readonly Kind[]): string {
  return `还缺少必点主菜：${kindNames(missing)}。每个必点类别至少要有一道「主菜」。`;
}

/**
 * The api's 400 for the rule reads `menu must have a main course of each required kind (theory,
 * history, song); missing: song`. Say it in Chinese, keeping the api's words beside it.
 */
export function explainServerMessage(message: string): string {
  const missing = /missing: ([a-z_, ]+)/.exec(message)?.[1];
  if (!missing) return message;
  return `${missingMessage(missing.split(/,\s*/) as Kind[])}（服务器：${message}）`;
}
