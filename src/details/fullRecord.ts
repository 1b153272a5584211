// Issue 9 §1: the details panel shows the full record (get one) where it holds more than the
// list's. Pure, so the merge rule is unit-tested.
import type { Session } from '../providers/types';

/**
 * The fetched record with the listed one filling what it lacks: Anchor's get-one has no domains,
 * proxy_type or browser_ip, its list records have no configuration or tokens. Normalised fields
 * come from the full record when it has them (it was fetched for this panel, usually later than the
 * list), from the list otherwise; `raw` is the full record as the API sent it (credentials redacted
 * by the provider layer), so "every other field" and the raw JSON show what get-one added.
 */
export function mergeFull(listed: Session | undefined, full: Session): Session {
  if (!listed || listed.id !== full.id || listed.provider !== full.provider) return full;
  const merged: Record<string, unknown> = { ...listed };
  for (const [key, value] of Object.entries(full)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    merged[key] = value;
  }
  // An empty status would otherwise hide the list's; the kind follows whichever status is kept.
  if (full.status === '') {
    merged['status'] = listed.status;
    merged['statusKind'] = listed.statusKind;
  }
  return merged as unknown as Session;
}
