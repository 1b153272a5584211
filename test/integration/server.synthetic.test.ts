// The synthetic Bright Data account answers as the ordinary one would over the same records:
// totals, paging both ways, status and date filters, and the general path for other filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { DEFAULT_KEYS, startContractServer, type BrightDataRecord, type ContractServer } from '../server';

const NOW = Date.parse('2026-11-29T10:30:00Z');

interface ListBody {
  sessions: BrightDataRecord[];
  total: number;
  pagination: { has_more: boolean };
}

describe('synthetic Bright Data account', () => {
  let server: ContractServer;
  let records: readonly BrightDataRecord[];
  before(async () => {
    server = await startContractServer({ now: NOW, syntheticBrightData: 3000, syntheticSpanDays: 5 });
    records = server.sessions('brightData');
  });
  after(() => server.close());

  async function list(params: Record<string, string>): Promise<{ status: number; body: ListBody }> {
    const answer = await request(`${server.brightDataUrl}/browser_sessions?${new URLSearchParams(params).toString()}`, {
      headers: { authorization: `Bearer ${DEFAULT_KEYS.brightData}` },
    });
    return { status: answer.statusCode, body: (await answer.body.json()) as ListBody };
  }

  /** What the ordinary listing would answer: filter, newest first (or oldest), slice. */
  function expected(filter: (record: BrightDataRecord) => boolean, offset: number, limit: number, order: 'asc' | 'desc' = 'desc') {
    const matching = records
      .filter(filter)
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.session_id < b.session_id ? -1 : 1));
    if (order === 'desc') matching.reverse();
    return { total: matching.length, ids: matching.slice(offset, offset + limit).map((record) => record.session_id) };
  }

  it('has the asked number of distinct sessions, newest first, in whole seconds', () => {
    assert.equal(records.length, 3000);
    assert.equal(new Set(records.map((record) => record.session_id)).size, 3000);
    assert.ok(records.every((record) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(record.timestamp)));
    assert.ok(records.every((record, index) => index === 0 || Date.parse(record.timestamp) <= Date.parse(records[index - 1].timestamp)));
    assert.ok(Date.parse(records[0].timestamp) < NOW);
  });

  const inRange = (record: BrightDataRecord, from: string, to?: string): boolean =>
    Date.parse(record.timestamp) >= Date.parse(from) && (to === undefined || Date.parse(record.timestamp) <= Date.parse(to));
  const cases: readonly (readonly [string, Record<string, string>, (record: BrightDataRecord) => boolean])[] = [
    [
      'status and dates',
      { status: 'failed', start_date: '2026-11-26T00:00:00Z', end_date: '2026-11-27T23:59:59Z' },
      (r) => r.status === 'failed' && inRange(r, '2026-11-26T00:00:00Z', '2026-11-27T23:59:59Z'),
    ],
    ['all statuses from a date', { start_date: '2026-11-25T12:00:00Z' }, (r) => inRange(r, '2026-11-25T12:00:00Z')],
    ['finished only', { status: 'finished' }, (r) => r.status === 'finished'],
    // api_name is not on the fast path: the range's records go through the ordinary listing.
    ['a zone (the general path)', { api_name: 'scraping_browser1', status: 'finished' }, (r) => r.api_name === 'scraping_browser1' && r.status === 'finished'],
  ];
  for (const [name, params, filter] of cases) {
    for (const order of ['desc', 'asc'] as const) {
      it(`pages through ${name}, ${order}`, async () => {
        for (const offset of [0, 100, 1337]) {
          const { status, body } = await list({ ...params, order, limit: '100', offset: String(offset) });
          assert.equal(status, 200);
          const want = expected(filter, offset, 100, order);
          assert.equal(body.total, want.total);
          assert.deepEqual(body.sessions.map((record) => record.session_id), want.ids);
          assert.equal(body.pagination.has_more, offset + want.ids.length < want.total);
        }
      });
    }
  }

  it('refuses what the spec does not allow, like the ordinary listing', async () => {
    assert.equal((await list({ limit: '101' })).status, 400);
    assert.equal((await list({ status: 'queued' })).status, 400);
    assert.equal((await list({ start_date: 'yesterday' })).status, 400);
  });

  it('takes no added sessions', () => {
    assert.throws(() => server.addSession('brightData', {}), /read-only/);
  });
});
