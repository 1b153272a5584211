// /__control/*: the same levers as the in-process API, for a server running in another process
// (the demo server the e2e suite starts). No key needed, in every mode.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderId } from '../../src/providers/types';
import { parseFault } from './faults';
import { BodyTooLarge, errorAnswer, readJsonBody, sendAnswer, type Answer } from './http';
import type { ContractServer, RecordedRequest } from './index';

export const CONTROL_PREFIX = '/__control/';

const PROVIDERS: readonly ProviderId[] = ['brightData', 'anchor'];
/** Headers that carry API keys: a human may paste a real key into a client pointed at the demo server. */
const SECRET_HEADERS = ['authorization', 'anchor-api-key'];

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
      return { status: 200, body: { sessions: server.sessions(providerOf(url.searchParams.get('provider'))) } };
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

function addSession(server: ContractServer, body: Record<string, unknown>): Answer {
  const provider = providerOf(body['provider']);
  const record = body['record'] ?? {};
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ControlError(400, 'record must be an object');
  }
  try {
    return { status: 200, body: { id: server.addSession(provider, record) } };
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
  if (!PROVIDERS.includes(value as ProviderId)) {
    throw new ControlError(400, `provider must be one of ${PROVIDERS.join(', ')}`);
  }
  return value as ProviderId;
}

function redacted(request: RecordedRequest): object {
  const headers = { ...request.headers };
  for (const name of SECRET_HEADERS) if (headers[name] !== undefined) headers[name] = '[redacted]';
  return { ...request, query: request.query.toString(), headers };
}
