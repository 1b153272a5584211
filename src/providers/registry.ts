// Every provider the extension knows, in display order. Adding one: its definition file, one line
// here, its `browserSessions.<id>.baseUrl` setting in package.json, a contract-server module.
// `ProviderId` and every per-provider table derive from this list; nothing else names an id.
import { ANCHOR_DEFINITION } from './anchor';
import { BRIGHT_DATA_DEFINITION } from './brightData';
import { BROWSERBASE_DEFINITION } from './browserbase';
import { HYPERBROWSER_DEFINITION } from './hyperbrowser';
import { STEEL_DEFINITION } from './steel';

export const PROVIDERS = [
  BRIGHT_DATA_DEFINITION,
  ANCHOR_DEFINITION,
  BROWSERBASE_DEFINITION,
  STEEL_DEFINITION,
  HYPERBROWSER_DEFINITION,
] as const;

export type ProviderId = (typeof PROVIDERS)[number]['id'];
