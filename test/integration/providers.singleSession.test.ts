// Issue 9 §1, §4: get one session and stop one, for every provider whose spec has the endpoint,
// against the contract server: the request sent (method, path, auth, body, one request), the
// parsed record, auth failures, 404, faults, the status change a stop makes, and that a stop is
// never retried.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CAPABILITIES,
  createProviderClient,
  HttpClient,
  PROVIDER_IDS,
  type ProviderClient,
  type ProviderId,
} from '../../src/providers/index';
import { DEFAULT_KEYS, startContractServer, type ContractServer } from '../server';
import { sendJson, startLocalServer } from './support/localServer';
import { failure } from './support/failure';

let server: ContractServer;
let http: HttpClient;

before(async () => {
  server = await startContractServer({ seed: 9 });
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1 });
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function clientFor(provider: ProviderId, key: string = DEFAULT_KEYS[provider]): ProviderClient {
  return createProviderClient(provider, { baseUrl: server.urlFor(provider), apiKey: key, http });
}

/** A fresh running session in each provider's own spelling. */
const RUNNING: Readonly<Record<ProviderId, string>> = {
  brightData: 'running',
  anchor: 'running',
  browserbase: 'RUNNING',
  steel: 'live',
  hyperbrowser: 'active',
};
const STOPPED: Readonly<Record<Exclude<ProviderId, 'brightData'>, string>> = {
  anchor: 'completed',
  browserbase: 'COMPLETED',
  steel: 'released',
  hyperbrowser: 'closed',
};

function statusOf(provider: ProviderId, id: string): unknown {
  const record = server.sessions(provider).find((candidate) => {
    const fields = candidate as unknown as Record<string, unknown>;
    return (fields['id'] ?? fields['session_id']) === id;
  });
  return (record as unknown as Record<string, unknown> | undefined)?.['status'];
}

const GET_PATHS: Readonly<Record<ProviderId, (id: string) => string>> = {
  brightData: (id) => `/browser_sessions/${id}`,
  anchor: (id) => `/v1/sessions/${id}`,
  browserbase: (id) => `/browserbase/v1/sessions/${id}`,
  steel: (id) => `/steel/v1/sessions/${id}`,
  hyperbrowser: (id) => `/hyperbrowser/api/session/${id}`,
};

describe('capabilities follow the client: getOne and stop exist exactly where the spec has them', () => {
  for (const provider of PROVIDER_IDS) {
    it(provider, () => {
      const client = clientFor(provider);
      const endpoints = CAPABILITIES[provider].endpoints;
      assert.equal(client.getSession !== undefined, endpoints?.getOne ?? false);
      assert.equal(client.stopSession !== undefined, endpoints?.stop ?? false);
    });
  }
  it('Bright Data cannot stop (no REST call in its spec)', () => {
    assert.equal(clientFor('brightData').stopSession, undefined);
  });
});

for (const provider of PROVIDER_IDS) {
  describe(`${provider}: get one`, () => {
    it('one GET to the get-one path with the key; the record parsed as the list parses it', async () => {
      const id = server.addSession(provider);
      server.resetRequests();
      const session = await clientFor(provider).getSession!(id);
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
      assert.equal(request?.method, 'GET');
      assert.equal(request?.path, GET_PATHS[provider](id));
      assert.equal(session.id, id);
      assert.equal(session.provider, provider);
      assert.equal(session.status, RUNNING[provider]);
      assert.equal(session.statusKind, 'running');
    });

    it('an unknown id is a notFound ProviderError', async () => {
      const error = await failure(clientFor(provider).getSession!('no-such-session-0000'));
      assert.equal(error.kind, 'notFound');
      assert.equal(error.details.status, 404);
    });

    it('a refused key is an auth error, and the key is not in the message', async () => {
      const id = server.addSession(provider);
      const error = await failure(clientFor(provider, 'wrong-key-123456').getSession!(id));
      assert.equal(error.kind, 'auth');
      assert.doesNotMatch(error.message, /wrong-key-123456/);
    });

    it('a 500 is retried as a GET (idempotent): one fault, then the answer', async () => {
      const id = server.addSession(provider);
      server.resetRequests();
      server.setFault(provider, { status: 500, times: 1 });
      const session = await clientFor(provider).getSession!(id);
      assert.equal(session.id, id);
      assert.equal(server.requests.length, 2);
    });

    it('malformed JSON and a wrong shape are badResponse errors', async () => {
      const id = server.addSession(provider);
      server.setFault(provider, { malformedJson: true, times: 1 });
      assert.equal((await failure(clientFor(provider).getSession!(id))).kind, 'badResponse');
      // A bare object without the envelope still parses where the spec allows it (Anchor: "else body").
      if (provider === 'brightData') {
        server.setFault(provider, { wrongShape: true, times: 1 });
        assert.equal((await failure(clientFor(provider).getSession!(id))).kind, 'badResponse');
      }
    });

    it('an id of dots or with a slash stays one path segment (or is refused before sending)', async () => {
      server.resetRequests();
      const dots = await failure(clientFor(provider).getSession!('..'));
      assert.equal(dots.kind, 'badRequest');
      assert.equal(server.requests.length, 0, 'nothing was sent');
      const slash = await failure(clientFor(provider).getSession!('a/b?c'));
      assert.equal(slash.kind, 'notFound');
      assert.equal(server.requests[0]?.path, GET_PATHS[provider]('a%2Fb%3Fc'));
    });
  });
}

describe('get one: what the full record adds, and what it must not show', () => {
  it('Anchor: detail names (session_id, credits_used), the data envelope, steps as an array or a number, configuration', async () => {
    const short = server.addSession('anchor', { steps: 3, used_credits: 4.5, user_configuration: { session: { idle_timeout: 60 } } });
    const long = server.addSession('anchor', { steps: 48 });
    const client = clientFor('anchor');
    const one = await client.getSession!(short);
    assert.equal(one.id, short);
    assert.equal(one.credits, 4.5);
    assert.equal(one.steps, 3);
    const raw = one.raw as Record<string, unknown>;
    assert.deepEqual(raw['configuration'], { session: { idle_timeout: 60 } });
    assert.ok(Array.isArray(raw['steps']));
    assert.equal((await client.getSession!(long)).steps, 48);
  });

  for (const provider of ['browserbase', 'hyperbrowser'] as const) {
    it(`${provider}: connection credentials are redacted from the raw record`, async () => {
      const id = server.addSession(provider);
      const session = await clientFor(provider).getSession!(id);
      const text = JSON.stringify(session.raw);
      assert.doesNotMatch(text, /SECRET-/);
      assert.match(text, /•••/);
    });
  }
});

for (const provider of ['anchor', 'browserbase', 'steel', 'hyperbrowser'] as const) {
  describe(`${provider}: stop`, () => {
    it('one request with the spec’s method, path and body; the session leaves running', async () => {
      const id = server.addSession(provider);
      server.resetRequests();
      await clientFor(provider).stopSession!(id);
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
      const expected = {
        anchor: ['DELETE', `/v1/sessions/${id}`],
        browserbase: ['POST', `/browserbase/v1/sessions/${id}`],
        steel: ['POST', `/steel/v1/sessions/${id}/release`],
        hyperbrowser: ['PUT', `/hyperbrowser/api/session/${id}/stop`],
      }[provider];
      assert.deepEqual([request?.method, request?.path], expected);
      if (provider === 'browserbase') assert.equal(request?.headers['content-type'], 'application/json');
      assert.equal(statusOf(provider, id), STOPPED[provider]);
      const after = await clientFor(provider).getSession!(id);
      assert.notEqual(after.statusKind, 'running');
    });

    it('a 500 is not retried (a stop is not documented as idempotent) and changes nothing', async () => {
      const id = server.addSession(provider);
      server.resetRequests();
      server.setFault(provider, { status: 500 });
      const error = await failure(clientFor(provider).stopSession!(id));
      assert.equal(error.kind, 'server');
      assert.equal(server.requests.length, 1, 'sent once');
      assert.equal(statusOf(provider, id), RUNNING[provider]);
    });

    it('a 429 closes the gate but is not retried either', async () => {
      const id = server.addSession(provider);
      server.resetRequests();
      server.setFault(provider, { status: 429, retryAfterSeconds: 0, times: 1 });
      const error = await failure(clientFor(provider).stopSession!(id));
      assert.equal(error.kind, 'rateLimited');
      assert.equal(server.requests.length, 1, 'sent once');
      assert.equal(statusOf(provider, id), RUNNING[provider]);
    });

    it('a 404 for an unknown id, an auth error for a wrong key', async () => {
      assert.equal((await failure(clientFor(provider).stopSession!('no-such-session-0000'))).kind, 'notFound');
      const id = server.addSession(provider);
      assert.equal((await failure(clientFor(provider, 'wrong-key-123456').stopSession!(id))).kind, 'auth');
      assert.equal(statusOf(provider, id), RUNNING[provider]);
    });

    it('a session that is no longer running: what this server answers where the spec is silent', async () => {
      const id = server.addSession(provider);
      await clientFor(provider).stopSession!(id);
      if (provider === 'steel') {
        // The older Steel spec lists 400 among release's errors.
        assert.equal((await failure(clientFor(provider).stopSession!(id))).kind, 'badRequest');
      } else {
        await clientFor(provider).stopSession!(id);
      }
      assert.equal(statusOf(provider, id), STOPPED[provider]);
    });
  });
}

describe('stop: guards', () => {
  it('Anchor never sends DELETE /v1/sessions/all (it ends every session)', async () => {
    server.resetRequests();
    const error = await failure(clientFor('anchor').stopSession!('all'));
    assert.equal(error.kind, 'badRequest');
    assert.equal(server.requests.length, 0);
  });

  it('Steel: success false in a 200 is a failure', async () => {
    const local = await startLocalServer((_req, res) => sendJson(res, 200, { success: false, message: 'nope' }));
    try {
      const client = createProviderClient('steel', { baseUrl: local.url, apiKey: DEFAULT_KEYS.steel, http });
      const error = await failure(client.stopSession!('abc'));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /nope/);
    } finally {
      await local.close();
    }
  });

  it('Browserbase: the server refuses a release without the REQUEST_RELEASE body', async () => {
    const id = server.addSession('browserbase', {});
    const response = await fetch(`${server.urlFor('browserbase')}/v1/sessions/${id}`, {
      method: 'POST',
      headers: { 'X-BB-API-Key': DEFAULT_KEYS.browserbase },
    });
    assert.equal(response.status, 400);
    assert.equal(statusOf('browserbase', id), 'RUNNING');
  });
});
