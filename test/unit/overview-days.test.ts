// The overview's calendar: local days (DST included), period edges, and the bounds each provider's
// date filter is sent. The time zone is the process's, set here through TZ (Node reads it anew).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dayKey, dayRange, isoBounds, periodOf } from '../../src/overview/days';

const savedTz = process.env['TZ'];

function inZone(zone: string): void {
  before(() => {
    process.env['TZ'] = zone;
  });
  after(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });
}

const HOUR = 3_600_000;

describe('overview days in Europe/Berlin', () => {
  inZone('Europe/Berlin');

  it('spans the last N local days, today included, oldest first', () => {
    const now = new Date('2026-11-29T10:15:00Z');
    const period = periodOf(7, now);
    assert.deepEqual(
      period.days.map((day) => day.day),
      ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'],
    );
    // Local midnight in winter is 23:00 UTC the evening before.
    assert.equal(new Date(period.from).toISOString(), '2026-11-22T23:00:00.000Z');
    assert.equal(period.to, now.getTime());
    for (let i = 1; i < period.days.length; i++) assert.equal(period.days[i].start, period.days[i - 1].end);
  });

  it('gives the spring DST day 23 hours and the autumn one 25', () => {
    const spring = periodOf(3, new Date('2026-03-30T12:00:00Z')).days;
    assert.deepEqual(
      spring.map((day) => [day.day, (day.end - day.start) / HOUR]),
      [
        ['2026-03-28', 24],
        ['2026-03-29', 23],
        ['2026-03-30', 24],
      ],
    );
    const autumn = periodOf(2, new Date('2026-10-26T12:00:00Z')).days;
    assert.deepEqual(
      autumn.map((day) => [day.day, (day.end - day.start) / HOUR]),
      [
        ['2026-10-25', 25],
        ['2026-10-26', 24],
      ],
    );
    assert.equal(new Date(autumn[1].start).toISOString(), '2026-10-25T23:00:00.000Z');
  });

  it('puts an instant on its local day at both edges of midnight', () => {
    // 2026-11-28T23:00:00Z is midnight of the 29th in Berlin.
    assert.equal(dayKey(Date.parse('2026-11-28T23:00:00Z')), '2026-11-29');
    assert.equal(dayKey(Date.parse('2026-11-28T22:59:59.999Z')), '2026-11-28');
  });

  it('starts today at local midnight even when now is that midnight', () => {
    const midnight = new Date('2026-11-28T23:00:00Z');
    const period = periodOf(7, midnight);
    assert.equal(period.days[6].day, '2026-11-29');
    assert.equal(period.days[6].start, midnight.getTime());
    assert.equal(period.days[0].day, '2026-11-23');
  });
});

describe('overview days in UTC', () => {
  inZone('UTC');

  it('has 30 days of 24 hours for 30 and 90 for 90', () => {
    const now = new Date('2026-11-29T23:59:59.999Z');
    assert.equal(periodOf(30, now).days.length, 30);
    const ninety = periodOf(90, now);
    assert.equal(ninety.days.length, 90);
    assert.equal(ninety.days[0].day, '2026-09-01');
    assert.ok(ninety.days.every((day) => day.end - day.start === 24 * HOUR));
  });
});

describe('overview day bounds as sent to a date filter', () => {
  inZone('Europe/Berlin');
  // Not at describe time: the zone is set by the hook.
  const today = () => periodOf(1, new Date('2026-11-29T10:00:00Z')).days[0];

  it('ends a day one step before the next one starts: whole seconds or milliseconds', () => {
    const day = today();
    assert.deepEqual(isoBounds(dayRange(day, 1000)!), { from: '2026-11-28T23:00:00Z', to: '2026-11-29T22:59:59Z' });
    assert.deepEqual(isoBounds(dayRange(day, 1)!), { from: '2026-11-28T23:00:00Z', to: '2026-11-29T22:59:59.999Z' });
  });

  it('clips a day to the active date filter, and drops a day outside it', () => {
    const day = today();
    const limited = dayRange(day, 1000, { from: Date.parse('2026-11-29T08:00:00Z') });
    assert.deepEqual(isoBounds(limited!), { from: '2026-11-29T08:00:00Z', to: '2026-11-29T22:59:59Z' });
    const capped = dayRange(day, 1000, { to: Date.parse('2026-11-29T01:30:00Z') });
    assert.deepEqual(isoBounds(capped!), { from: '2026-11-28T23:00:00Z', to: '2026-11-29T01:30:00Z' });
    assert.equal(dayRange(day, 1000, { to: Date.parse('2026-11-28T12:00:00Z') }), undefined);
    assert.equal(dayRange(day, 1000, { from: Date.parse('2026-11-30T00:00:00Z') }), undefined);
  });
});
