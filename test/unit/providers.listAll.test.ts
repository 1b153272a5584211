import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { listAllPages, type PageFetcher } from '../../src/providers/listAll';
import { ProviderError, type Session, type SessionPage } from '../../src/providers/types';

function session(id: string): Session {
  return { id, provider: 'brightData', status: 'finished', statusKind: 'finished', domains: [], tags: [], raw: { id } };
}

/** Pages of `ids`, `size` per page, as an offset-paged API would cut them at the moment of the call. */
function pageOf(ids: readonly string[], pageIndex: number, size: number): SessionPage {
  const slice = ids.slice(pageIndex * size, (pageIndex + 1) * size);
  return {
    sessions: slice.map(session),
    total: ids.length,
    pageIndex,
    pageSize: size,
    hasMore: (pageIndex + 1) * size < ids.length,
  };
}

const ids = (count: number, prefix = 's'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

function cancelled(): ProviderError {
  return new ProviderError('cancelled', 'cancelled', { provider: 'brightData', endpoint: 'GET /x' });
}

/** Resolves on the next tick, or rejects as HttpClient does once the signal aborts. */
function later<T>(value: () => T, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const timer = setTimeout(() => resolve(value()), 1);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(cancelled());
    });
  });
}

describe('listAllPages', () => {
  it('returns every session of every page, in page order', async () => {
    const all = ids(257);
    const result = await listAllPages((pageIndex, signal) => later(() => pageOf(all, pageIndex, 50), signal));
    assert.deepEqual(result.sessions.map((s) => s.id), all);
    assert.deepEqual([result.total, result.requests], [257, 6]);
  });

  it('asks once when the first page holds everything', async () => {
    const calls: number[] = [];
    const result = await listAllPages(async (pageIndex) => {
      calls.push(pageIndex);
      return pageOf(ids(3), pageIndex, 50);
    });
    assert.deepEqual(calls, [0]);
    assert.equal(result.sessions.length, 3);
  });

  it('keeps no more than `concurrency` pages in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const all = ids(200);
    const fetch: PageFetcher = async (pageIndex, signal) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await later(() => pageOf(all, pageIndex, 10), signal);
      } finally {
        inFlight--;
      }
    };
    const result = await listAllPages(fetch, { concurrency: 3 });
    assert.equal(peak, 3);
    assert.equal(result.sessions.length, 200);
  });

  it('asks for the next page once a page is answered, while that page is still being parsed', async () => {
    const all = ids(100);
    const calls: number[] = [];
    let unanswered = 0;
    let peak = 0;
    let parse!: () => void;
    const parsing = new Promise<void>((resolve) => (parse = resolve));
    const fetch: PageFetcher = async (pageIndex, _signal, answered) => {
      calls.push(pageIndex);
      peak = Math.max(peak, ++unanswered);
      await tick();
      unanswered--;
      answered?.();
      // Every page after the first stays "being parsed" until the test lets them all finish.
      if (pageIndex > 0) await parsing;
      return pageOf(all, pageIndex, 10);
    };
    const listing = listAllPages(fetch, { concurrency: 2 });
    for (let turn = 0; turn < 200 && calls.length < 10; turn++) await tick();
    const askedWhileParsing = calls.length;
    parse();
    const result = await listing;
    assert.equal(askedWhileParsing, 10, 'every page asked for before any but the first was parsed');
    assert.equal(peak, 2, 'never more than `concurrency` pages waiting for an answer');
    assert.deepEqual(result.sessions.map((s) => s.id), all);
    assert.equal(result.requests, 10);
  });

  it('a page that fails after its answer aborts the page asked for meanwhile, and rejects with its error', async () => {
    const broken = new ProviderError('badResponse', 'not JSON', { provider: 'brightData', endpoint: 'GET /x' });
    const all = ids(1000);
    const signals = new Map<number, AbortSignal>();
    const fetch: PageFetcher = async (pageIndex, signal, answered) => {
      signals.set(pageIndex, signal);
      if (pageIndex !== 1) return later(() => pageOf(all, pageIndex, 10), signal);
      answered?.();
      await tick();
      throw broken;
    };
    await assert.rejects(listAllPages(fetch, { concurrency: 1 }), broken);
    // Page 2 went out on page 1's answer; page 1's failure then cancelled it, and nothing followed.
    assert.deepEqual([...signals.keys()], [0, 1, 2]);
    assert.equal(signals.get(2)?.aborted, true);
  });

  it('deduplicates sessions shifted by newer ones and follows has-more past the first total', async () => {
    let current = ids(30);
    const fetch: PageFetcher = async (pageIndex) => {
      const page = pageOf(current, pageIndex, 10);
      // Five sessions start right after the first page was read: everything shifts by five.
      if (pageIndex === 0) current = [...ids(5, 'new'), ...current];
      return page;
    };
    const result = await listAllPages(fetch, { concurrency: 1 });
    const got = result.sessions.map((s) => s.id);
    assert.equal(new Set(got).size, got.length);
    assert.deepEqual(got, ids(30));
    assert.equal(result.requests, 4);
    assert.equal(result.total, 35);
  });

  it('stops firing pages at the first failure and rejects with it', async () => {
    const calls: number[] = [];
    const rateLimited = new ProviderError('rateLimited', 'slow down', { provider: 'brightData', endpoint: 'GET /x' });
    const all = ids(1000);
    const fetch: PageFetcher = (pageIndex, signal) => {
      calls.push(pageIndex);
      if (pageIndex === 2) return Promise.reject(rateLimited);
      return later(() => pageOf(all, pageIndex, 10), signal);
    };
    await assert.rejects(listAllPages(fetch, { concurrency: 4 }), rateLimited);
    await tick();
    assert.ok(calls.length <= 5, `fired ${calls.length} pages`);
  });

  it('cancels in-flight and pending pages when the caller aborts', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const signals: AbortSignal[] = [];
    const all = ids(1000);
    const fetch: PageFetcher = (pageIndex, signal) => {
      calls.push(pageIndex);
      signals.push(signal);
      if (pageIndex === 1) controller.abort();
      return later(() => pageOf(all, pageIndex, 10), signal);
    };
    await assert.rejects(listAllPages(fetch, { concurrency: 2, signal: controller.signal }), { kind: 'cancelled' });
    await tick();
    assert.ok(calls.length <= 3, `fired ${calls.length} pages`);
    assert.ok(signals.every((signal) => signal.aborted));
  });

  it('passes an already aborted signal to the first page', async () => {
    const controller = new AbortController();
    controller.abort();
    let seen: AbortSignal | undefined;
    await assert.rejects(
      listAllPages((_, signal) => {
        seen = signal;
        return signal.aborted ? Promise.reject(cancelled()) : Promise.resolve(pageOf(ids(1), 0, 1));
      }, { signal: controller.signal }),
      { kind: 'cancelled' },
    );
    assert.equal(seen?.aborted, true);
  });

  it('stops following has-more when a page adds no new session', async () => {
    const calls: number[] = [];
    const result = await listAllPages(async (pageIndex) => {
      calls.push(pageIndex);
      return { ...pageOf(ids(10), 0, 10), total: 30, pageIndex, hasMore: true };
    });
    assert.equal(result.sessions.length, 10);
    assert.ok(calls.length <= 5, `${calls.length} pages asked for`);
  });

  it('asks for no more pages than the total implies plus a margin, however long has-more says yes', async () => {
    const calls: number[] = [];
    const result = await listAllPages(async (pageIndex) => {
      calls.push(pageIndex);
      return { ...pageOf(ids(10, `p${pageIndex}-`), 0, 10), total: 30, pageIndex, hasMore: true };
    }, { concurrency: 1 });
    assert.deepEqual(calls, [0, 1, 2, 3, 4]);
    assert.equal(result.sessions.length, 50);
  });

  for (const total of [-5, 1.5, 1e15, Number.NaN]) {
    it(`follows nothing from a total of ${total} and allocates nothing from it`, async () => {
      const calls: number[] = [];
      const result = await listAllPages(async (pageIndex) => {
        calls.push(pageIndex);
        return { ...pageOf(ids(10, `p${pageIndex}-`), 0, 10), total, pageIndex, hasMore: true };
      });
      assert.deepEqual(calls, [0]);
      assert.equal(result.sessions.length, 10);
    });
  }
});
