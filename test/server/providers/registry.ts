// Every provider module, in the order the demo prints them. Adding a provider means adding its
// module here and its id to ../ids.
import type { ProviderId } from '../ids';
import { anchor } from './anchor';
import { brightData } from './brightData';
import { browserbase } from './browserbase';
import type { AnyDefinition } from './definition';
import { hyperbrowser } from './hyperbrowser';
import { steel } from './steel';

export const PROVIDERS: Readonly<Record<ProviderId, AnyDefinition>> = {
  brightData: brightData,
  anchor: anchor,
  browserbase: browserbase,
  steel: steel,
  hyperbrowser: hyperbrowser,
};
