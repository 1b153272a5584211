// Every fault the contract server can produce, for Bright Data and Anchor: the shared fault suite
// (the same list every provider gets), plus what it does not cover: the request log's entries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type RequestLogEntry } from '../../src/providers/index';
import { startContractServer, type ContractServer } from '../server';
import { describeClientFaults } from './support/clientFaults';

// The date filter is passed through as given; the strict server refuses anything but RFC 3339.
describe('Bright Data', () => {
  describeClientFaults({
    provider: 'brightData',
    path: 'browser_sessions',
    endpoint: 'GET /browser_sessions',
    badQuery: { from: 'yesterday' },
    badQueryMessage: /rejected the request \(400 on GET [^)]+\): Query parameter "start_date" must be/,
  });
});

describe('Anchor', () => {
  describeClientFaults({
    provider: 'anchor',
    path: 'v1/sessions',
    endpoint: 'GET /v1/sessions',
    badQuery: { from: 'yesterday' },
    badQueryMessage: /rejected the request \(400 on GET [^)]+\): Query parameter "created_from" must be/,
  });
});

describe('the request log', () => {
  const KEY = 'test-key-brightdata';
  let server: ContractServer;
  let http: HttpClient;
  const logEntries: RequestLogEntry[] = [];

  before(async () => {
    server = await startContractServer({ counts: { brightData: 30 } });
    http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 5, log: (entry) => logEntries.push(entry) });
  });

  after(async () => {
    await http.close();
    await server.close();
  });

  it('logs one entry per attempt, with path, status, attempt and error kind, and no key', async () => {
    server.setFault('brightData', { status: 503, times: 1 });
    await createProviderClient('brightData', { baseUrl: server.brightDataUrl, apiKey: KEY, http }).fetchPage({ pageSize: 10 }, 1);
    assert.deepEqual(
      logEntries.map(({ provider, method, path, status, attempt, error }) => ({ provider, method, path, status, attempt, kind: error?.split(':')[0] })),
      [
        { provider: 'brightData', method: 'GET', path: '/browser_sessions?limit=10&offset=10', status: 503, attempt: 1, kind: 'server' },
        { provider: 'brightData', method: 'GET', path: '/browser_sessions?limit=10&offset=10', status: 200, attempt: 2, kind: undefined },
      ],
    );
    assert.ok(logEntries.every((entry) => entry.ms >= 0));
    assert.ok(!JSON.stringify(logEntries).includes(KEY));
  });
});
