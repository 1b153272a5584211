// Issue 9 §1: the details panel shows the full record (get one) where it holds more than the
// list's. Pure, so the merge rule is unit-tested.
import type { Session } from '../providers/types';
import { isObject as isPlainObject } from '../shared/guards';

/**
 * The fetched record with the listed one filling what it lacks: Anchor's get-one has no domains,
 * proxy_type or browser_ip, its list records have no configuration or tokens. Normalised fields
 * come from the full record when it has them (it was fetched for this panel, usually later than the
 * list), from the list otherwise. `raw` is the list's record with get-one's fields laid over it
 * (credentials already redacted by the provider layer): "every other field" and the raw JSON then
 * show what get-one added without losing what only the list sends (Anchor's api_key_name,
 * browser_ip). A raw that is not a JSON object on either side leaves the full record's as it is.
 */
export function mergeFull(listed: Session | undefined, full: Session): Session {
  if (!listed || listed.id !== full.id || listed.provider !== full.provider) return full;
  const merged: Record<string, unknown> = { ...listed };
  for (const [key, value] of Object.entries(full)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    merged[key] = value;
  }
  if (isPlainObject(listed.raw) && isPlainObject(full.raw)) merged['raw'] = { ...listed.raw, ...full.raw };
  // An empty status would otherwise hide the list's; the kind follows whichever status is kept.
  if (full.status === '') {
    merged['status'] = listed.status;
    merged['statusKind'] = listed.statusKind;
  }
  return merged as unknown as Session;
}
