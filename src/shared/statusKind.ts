// A leaf module: the webview's protocol needs this type without pulling in the provider registry.

/** What the UI groups and colours by; the provider's own spelling stays in `Session.status`. */
export type StatusKind = 'running' | 'finished' | 'failed' | 'other';
