// listAll's cap and progress, the options the overview's listing needs (issue 10 §2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listAllPages } from '../../src/providers/listAll';
import type { Session, SessionPage } from '../../src/providers/types';

function page(total: number, pageIndex: number, size: number): SessionPage {
  const count = Math.max(0, Math.min(size, total - pageIndex * size));
  const sessions: Session[] = Array.from({ length: count }, (_, i) => ({
    id: `s${pageIndex * size + i}`,
    provider: 'brightData',
    status: 'finished',
    statusKind: 'finished',
    domains: [],
    tags: [],
    raw: {},
  }));
  return { sessions, total, pageIndex, pageSize: size, hasMore: (pageIndex + 1) * size < total };
}

describe('listAllPages with maxSessions', () => {
  it('asks only for the pages that hold the cap and keeps the first sessions', async () => {
    const asked: number[] = [];
    const result = await listAllPages(
      async (pageIndex) => {
        asked.push(pageIndex);
        return page(1_000_000, pageIndex, 100);
      },
      { maxSessions: 250 },
    );
    assert.deepEqual(
      asked.sort((a, b) => a - b),
      [0, 1, 2],
    );
    assert.equal(result.requests, 3);
    assert.equal(result.sessions.length, 250);
    assert.equal(result.sessions[249].id, 's249');
    // The API's count, so the caller sees the cap cut: "based on the latest 250 of 1,000,000".
    assert.equal(result.total, 1_000_000);
  });

  it('stops after the first page when it already holds the cap', async () => {
    let requests = 0;
    const result = await listAllPages(
      async (pageIndex) => {
        requests++;
        return page(500, pageIndex, 100);
      },
      { maxSessions: 100 },
    );
    assert.equal(requests, 1);
    assert.equal(result.sessions.length, 100);
  });

  it('lists everything under the cap as before', async () => {
    const result = await listAllPages(async (pageIndex) => page(230, pageIndex, 100), { maxSessions: 20_000 });
    assert.equal(result.sessions.length, 230);
    assert.equal(result.requests, 3);
  });

  it('reports progress after each page, never past the cap', async () => {
    const seen: [number, number][] = [];
    await listAllPages(async (pageIndex) => page(1000, pageIndex, 100), {
      maxSessions: 450,
      concurrency: 1,
      onProgress: (listed, total) => seen.push([listed, total]),
    });
    assert.deepEqual(seen, [
      [100, 1000],
      [200, 1000],
      [300, 1000],
      [400, 1000],
      [450, 1000],
    ]);
  });
});
