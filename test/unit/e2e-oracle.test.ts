// The end-to-end oracle (test/e2e/harness/oracle.ts) computes the tree's expected counts from the
// contract server's records: a status it has never heard of must still be counted, by the rules of
// the spec (free text: its own group; outside an enum: "Other statuses").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countsAgree, expectedCounts, groupLabel, OTHER_GROUP, serverStatuses } from '../e2e/harness/oracle';
import { DEMO_SECOND_ACCOUNT, PROVIDER_IDS, startContractServer, type ContractServer } from '../server/index';

describe('e2e oracle', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ accounts: [DEMO_SECOND_ACCOUNT] });
  });
  after(() => server.close());

  test('every provider’s groups add up to the server’s total, each group non-empty', () => {
    for (const provider of PROVIDER_IDS) {
      const { total, groups } = expectedCounts(provider, serverStatuses(server, provider));
      assert.equal(total, server.sessions(provider).length, provider);
      assert.equal(groups.reduce((sum, group) => sum + group.count, 0), total, provider);
      assert.ok(groups.every((group) => group.count > 0), provider);
    }
  });

  test('Anchor’s free-text statuses each get a group; Bright Data’s unlisted ones fall under "Other statuses"', () => {
    const anchor = expectedCounts('anchor', serverStatuses(server, 'anchor')).groups;
    assert.deepEqual(
      anchor.find((group) => group.label === 'Idle'),
      { label: 'Idle', count: server.sessions('anchor').filter((record) => record.status === 'idle').length },
    );
    assert.ok(!anchor.some((group) => group.label === OTHER_GROUP));

    const brightData = expectedCounts('brightData', serverStatuses(server, 'brightData')).groups;
    const unlisted = server.sessions('brightData').filter((record) => !['running', 'finished', 'failed'].includes(record.status)).length;
    assert.ok(unlisted > 0, 'the data should hold Bright Data statuses outside the enum');
    assert.deepEqual(brightData.at(-1), { label: OTHER_GROUP, count: unlisted });
  });

  test('a status the oracle never listed is counted from the data: its own group where free text, a remainder where enum', () => {
    server.addSession('anchor', { status: 'paused' });
    server.addSession('steel', { status: 'hibernating' });
    assert.ok(expectedCounts('anchor', serverStatuses(server, 'anchor')).groups.some((group) => group.label === 'Paused' && group.count === 1));
    assert.deepEqual(expectedCounts('steel', serverStatuses(server, 'steel')).groups.at(-1), { label: OTHER_GROUP, count: 1 });
  });

  test('the second account is counted from its own records', () => {
    const second = expectedCounts('brightData', serverStatuses(server, 'brightData', DEMO_SECOND_ACCOUNT.key));
    assert.equal(second.total, DEMO_SECOND_ACCOUNT.count);
  });

  test('group labels are the status in sentence case, shouting spellings as words', () => {
    assert.equal(groupLabel('idle'), 'Idle');
    assert.equal(groupLabel('TIMED_OUT'), 'Timed out');
    assert.equal(groupLabel('RUNNING'), 'Running');
    assert.equal(groupLabel(''), '(no status)');
  });
});

describe('e2e oracle: countsAgree', () => {
  const expected = {
    total: 20,
    groups: [
      { label: 'Completed', count: 10 },
      { label: 'Idle', count: 3 },
      { label: 'Running', count: 3 },
      { label: 'Terminated', count: 4 },
    ],
  };

  test('a free-text status shown by name must carry its exact count; one not yet seen may fold into "Other statuses"', () => {
    assert.equal(countsAgree('anchor', expected, expected), true);
    const folded = {
      total: 20,
      groups: [
        { label: 'Completed', count: 10 },
        { label: 'Idle', count: 3 },
        { label: 'Running', count: 3 },
        { label: OTHER_GROUP, count: 4 },
      ],
    };
    assert.equal(countsAgree('anchor', folded, expected), true);
    assert.equal(countsAgree('anchor', { ...folded, groups: [...folded.groups.slice(0, 3), { label: OTHER_GROUP, count: 5 }] }, expected), false, 'the remainder must hold exactly what was folded');
    assert.equal(countsAgree('anchor', { ...expected, groups: [{ label: 'Completed', count: 10 }, { label: 'Idle', count: 2 }, { label: 'Running', count: 3 }, { label: OTHER_GROUP, count: 5 }] }, expected), false, 'a named group must be exact');
  });

  test('statuses the tree always names, and every enum provider, must match exactly', () => {
    const runningFolded = { total: 20, groups: [{ label: 'Completed', count: 10 }, { label: 'Idle', count: 3 }, { label: 'Terminated', count: 4 }, { label: OTHER_GROUP, count: 3 }] };
    assert.equal(countsAgree('anchor', runningFolded, expected), false);
    const steel = { total: 5, groups: [{ label: 'Live', count: 2 }, { label: 'Released', count: 3 }] };
    assert.equal(countsAgree('steel', steel, steel), true);
    assert.equal(countsAgree('steel', { total: 5, groups: [{ label: 'Live', count: 2 }, { label: OTHER_GROUP, count: 3 }] }, steel), false);
  });
});
