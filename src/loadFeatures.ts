// The one door to src/features.ts. In the bundle this module is generated (esbuild.js,
// featuresLoader): features.js is a file of its own, read and run on the first call.
import type * as Features from './features';

export function loadFeatures(): Promise<typeof Features> {
  return import('./features');
}
