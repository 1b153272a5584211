// Query-string helper shared by the provider definitions (kept apart from url.ts, which reads the
// registry-derived tables the definitions must not import).

/** Sets a query parameter only when there is something to send: omitted filters are not sent. */
export function setParam(params: URLSearchParams, name: string, value: string | number | boolean | undefined): void {
  if (value === undefined || value === '') return;
  params.set(name, String(value));
}
