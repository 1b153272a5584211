// /__control/*: the same levers as the in-process API, for a server running in another process
// (the demo server the e2e suite starts). No key needed, in every mode.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFault } from './faults';
import { BodyTooLarge, errorAnswer, readJsonBody, sendAnswer, type Answer } from './http';
import { isProviderId, PROVIDER_IDS, type ProviderId } from './ids';
import type { ContractServer, RecordedRequest } from './index';
import { PROVIDERS } from './providers/registry';

export const CONTROL_PREFIX = '/__control/';

/** Headers that carry API keys: a human may paste a real key into a client pointed at the demo server. */
const SECRET_HEADERS = [...new Set(Object.values(PROVIDERS).map((definition) => definition.keyHeader))];

export async function handleControl(server: ContractServer, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let answer: Answer;
  try {
    answer = await route(server, req, url);
  } catch (error) {
    if (error instanceof SyntaxError) answer = errorAnswer(400, 'Body is not JSON');
    else if (error instanceof BodyTooLarge) answer = errorAnswer(413, error.message);
    else if (error instanceof ControlError) answer = errorAnswer(error.status, error.message);
    else throw error;
  }
  sendAnswer(res, answer);
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function route(server: ContractServer, req: IncomingMessage, url: URL): Promise<Answer> {
  const action = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  switch (action) {
    case 'POST fault':
      return setFault(server, await readObject(req));
    case 'POST session':
      return addSession(server, await readObject(req));
    case 'POST reset':
      server.clearFaults();
      server.resetRequests();
      return { status: 200, body: { ok: true } };
    case 'GET requests':
      return { status: 200, body: { requests: server.requests.map(redacted) } };
    case 'GET sessions':
      return { status: 200, body: { sessions: sessionsOf(server, url.searchParams) } };
    default:
      throw new ControlError(404, `No control route ${action}`);
  }
}

function setFault(server: ContractServer, body: Record<string, unknown>): Answer {
  const provider = providerOf(body['provider']);
  if (body['fault'] === null || body['fault'] === undefined) {
    server.setFault(provider, undefined);
  } else {
    const fault = parseFault(body['fault']);
    if (typeof fault === 'string') throw new ControlError(400, fault);
    server.setFault(provider, fault);
  }
  return { status: 200, body: { ok: true } };
}

function sessionsOf(server: ContractServer, params: URLSearchParams): readonly object[] {
  const provider = providerOf(params.get('provider'));
  try {
    return server.sessions(provider, params.get('account') ?? undefined);
  } catch (error) {
    throw new ControlError(404, error instanceof Error ? error.message : String(error));
  }
}

/** Body { provider, record?, account? }: account is the key of a further account; omitted, the default one. */
function addSession(server: ContractServer, body: Record<string, unknown>): Answer {
  const provider = providerOf(body['provider']);
  const account = body['account'];
  if (account !== undefined && typeof account !== 'string') throw new ControlError(400, 'account must be a string');
  const record = body['record'] ?? {};
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ControlError(400, 'record must be an object');
  }
  // An unknown account is a 404, like GET sessions; only a taken id is a conflict.
  sessionsOf(server, new URLSearchParams(account === undefined ? { provider } : { provider, account }));
  try {
    return { status: 200, body: { id: server.addSession(provider, record, account) } };
  } catch (error) {
    throw new ControlError(409, error instanceof Error ? error.message : String(error));
  }
}

async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ControlError(400, 'Body must be a JSON object');
  return body as Record<string, unknown>;
}

function providerOf(value: unknown): ProviderId {
  if (!isProviderId(value)) throw new ControlError(400, `provider must be one of ${PROVIDER_IDS.join(', ')}`);
  return value;
}

function redacted(request: RecordedRequest): object {
  const headers = { ...request.headers };
  for (const name of SECRET_HEADERS) if (headers[name] !== undefined) headers[name] = '[redacted]';
  return { ...request, query: request.query.toString(), headers };
}
