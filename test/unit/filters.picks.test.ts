import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isActive, type Filters } from '../../src/filters/model';
import {
  CURRENT_MARK,
  customRange,
  dateItems,
  effectiveSort,
  formatTagsInput,
  fromInputProblem,
  parseTagsInput,
  parseTargetInput,
  parseZoneInput,
  sortFieldItems,
  sortOrderItems,
  statusItems,
  tagsPrompt,
  toInputProblem,
  valueItems,
  withSort,
  type PickEntry,
  type PickItem,
} from '../../src/filters/picks';
import type { ProviderCapabilities, ProviderId } from '../../src/providers/types';
import { ANCHOR_CAPABILITIES } from '../../src/providers/anchor';
import { BRIGHT_DATA_CAPABILITIES } from '../../src/providers/brightData';

const brightData = BRIGHT_DATA_CAPABILITIES;
const anchor = ANCHOR_CAPABILITIES;
const CAPABILITIES = { brightData, anchor } as Record<ProviderId, ProviderCapabilities>;
const LABELS = { brightData: 'Bright Data', anchor: 'Anchor' } as Record<ProviderId, string>;

const ISO_HINT = 'Use ISO 8601, e.g. 2025-12-01 or 2025-12-01T08:00:00Z';

function currentLabels<T>(entries: readonly PickEntry<T>[]): string[] {
  return entries.filter((entry): entry is PickItem<T> => 'label' in entry && entry.current === true).map((entry) => entry.label);
}

describe('status picker', () => {
  test('offers all statuses and the three kinds, marking the current one', () => {
    const items = statusItems('finished');
    assert.deepEqual(
      items.map((entry) => [entry.label, entry.value]),
      [
        ['All statuses', undefined],
        ['Running', 'running'],
        ['Finished / Completed', 'finished'],
        ['Failed', 'failed'],
      ],
    );
    assert.deepEqual(currentLabels(items), ['Finished / Completed']);
    assert.equal(items[2].description, CURRENT_MARK);
    assert.equal(items[1].description, undefined);
    assert.deepEqual(currentLabels(statusItems(undefined)), ['All statuses']);
  });
});

describe('date picker', () => {
  test('presets, any time and custom, marking what is set', () => {
    assert.deepEqual(
      dateItems(undefined).map((entry) => entry.label),
      ['Any time', 'Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Custom range…'],
    );
    assert.deepEqual(currentLabels(dateItems(undefined)), ['Any time']);
    assert.deepEqual(currentLabels(dateItems({ preset: 'last7Days' })), ['Last 7 days']);
    assert.deepEqual(dateItems({ preset: 'last7Days' })[3].value, { kind: 'preset', preset: 'last7Days' });
    const custom = dateItems({ from: '2025-12-01' }).at(-1)!;
    assert.equal(custom.current, true);
    assert.equal(custom.description, `${CURRENT_MARK} · 2025-12-01 → …`);
  });

  test('From accepts empty or ISO and explains anything else', () => {
    assert.equal(fromInputProblem(''), undefined);
    assert.equal(fromInputProblem('2025-12-01'), undefined);
    assert.equal(fromInputProblem('yesterday'), ISO_HINT);
    assert.equal(fromInputProblem('2025-13-01'), ISO_HINT);
  });

  test('To refuses junk, a reversed range, and both ends empty', () => {
    assert.equal(toInputProblem('nope', '2025-12-01'), ISO_HINT);
    assert.equal(toInputProblem('2025-11-30', '2025-12-01'), 'To is before From (2025-12-01).');
    assert.equal(toInputProblem('2025-12-01T07:00:00Z', '2025-12-01T08:00:00Z'), 'To is before From (2025-12-01T08:00:00Z).');
    assert.match(toInputProblem('', '') ?? '', /From or To/);
    assert.equal(toInputProblem('', '2025-12-01'), undefined);
    assert.equal(toInputProblem('2025-12-16', ''), undefined);
    // The same day is a whole day, not an empty range.
    assert.equal(toInputProblem('2025-12-01', '2025-12-01'), undefined);
  });

  test('custom range keeps what was typed, trimmed; open ends are left out', () => {
    assert.deepEqual(customRange(' 2025-12-01 ', '2025-12-16'), { from: '2025-12-01', to: '2025-12-16' });
    assert.deepEqual(customRange('', '2025-12-16'), { to: '2025-12-16' });
    assert.deepEqual(customRange('2025-12-01', '  '), { from: '2025-12-01' });
    assert.equal(customRange('', ''), undefined);
  });
});

describe('typed values with suggestions', () => {
  test('target input: trimmed, comma lists tidied, empty means none', () => {
    assert.equal(parseTargetInput('  amazon.com '), 'amazon.com');
    assert.equal(parseTargetInput('a.com , b.com,,'), 'a.com,b.com');
    assert.equal(parseTargetInput('  '), undefined);
    assert.equal(parseTargetInput(',,'), undefined);
    assert.equal(parseZoneInput(' serp '), 'serp');
    assert.equal(parseZoneInput(''), undefined);
  });

  const base = { parse: parseTargetInput, hint: 'hint', clearLabel: 'Clear the target filter' };

  test('the typed value comes first, then clear, then unique suggestions', () => {
    const items = valueItems({ ...base, typed: 'ebay.com', current: 'amazon.com', suggestions: ['amazon.com', 'ebay.com', ' x.org ', 'amazon.com'] });
    assert.deepEqual(
      items.map((entry) => [entry.label, entry.value]),
      [
        ['ebay.com', 'ebay.com'],
        ['Clear the target filter', undefined],
        ['amazon.com', 'amazon.com'],
        ['x.org', 'x.org'],
      ],
    );
    assert.equal(items[0].alwaysShow, true);
    assert.equal(items[0].description, 'hint');
    assert.equal(items[1].alwaysShow, true);
    assert.deepEqual(currentLabels(items), ['amazon.com']);
  });

  test('nothing typed and nothing set: only suggestions; no clear item', () => {
    const items = valueItems({ ...base, typed: '  ', current: undefined, suggestions: ['a.com'] });
    assert.deepEqual(items.map((entry) => entry.value), ['a.com']);
  });

  test('the current value typed again is marked current', () => {
    const items = valueItems({ ...base, typed: 'a.com', current: 'a.com', suggestions: [] });
    assert.equal(items[0].description, `${CURRENT_MARK} · hint`);
  });
});

describe('tags input', () => {
  test('comma-separated, trimmed, empty entries dropped, deduplicated', () => {
    assert.deepEqual(parseTagsInput(' prod, eu ,, prod,  '), ['prod', 'eu']);
    assert.deepEqual(parseTagsInput(''), []);
    assert.deepEqual(parseTagsInput(' , ,'), []);
    assert.equal(formatTagsInput(['prod', 'eu']), 'prod, eu');
    assert.equal(formatTagsInput(undefined), '');
  });

  test('the prompt names tags seen', () => {
    assert.equal(tagsPrompt([], ' (Anchor only)'), 'Comma-separated; a session must carry all of them (Anchor only). Empty clears the filter.');
    assert.match(tagsPrompt(['prod', 'eu', 'prod'], ''), /Seen: prod, eu$/);
  });
});

describe('sort picker', () => {
  test('fields grouped by provider, in words, marking each provider’s sort', () => {
    const filters: Filters = { sort: { brightData: { field: 'bandwidth', order: 'asc' } } };
    const entries = sortFieldItems(filters, CAPABILITIES, LABELS);
    assert.deepEqual(
      entries.map((entry) => ('separator' in entry ? `— ${entry.separator}` : `${entry.label}: ${entry.description ?? ''}`)),
      [
        '— Bright Data',
        'Start time: default',
        'Duration: ',
        `Bandwidth: ${CURRENT_MARK} · Smallest first`,
        '— Anchor',
        `Created: ${CURRENT_MARK} · Newest first, default`,
        'Session ID: ',
        'Credits used: ',
        'API key name: ',
      ],
    );
    const credits = entries.find((entry) => 'label' in entry && entry.label === 'Credits used');
    assert.deepEqual(credits && 'value' in credits ? credits.value : undefined, { provider: 'anchor', field: 'used_credits' });
  });

  test('order words follow the field', () => {
    assert.deepEqual(sortOrderItems('timestamp', 'desc').map((entry) => [entry.label, entry.value, entry.current === true]), [
      ['Newest first', 'desc', true],
      ['Oldest first', 'asc', false],
    ]);
    assert.deepEqual(sortOrderItems('bandwidth', undefined).map((entry) => entry.label), ['Largest first', 'Smallest first']);
    assert.deepEqual(sortOrderItems('api_key_name', 'asc').map((entry) => entry.label), ['Z to A', 'A to Z']);
    assert.deepEqual(currentLabels(sortOrderItems('api_key_name', 'asc')), ['A to Z']);
  });

  test('setting one provider’s sort leaves the other’s alone; its default removes the entry', () => {
    const start: Filters = { sort: { anchor: { field: 'session_id', order: 'asc' } } };
    const withBandwidth = withSort(start, 'brightData', { field: 'bandwidth', order: 'desc' }, brightData);
    assert.deepEqual(withBandwidth.sort, {
      anchor: { field: 'session_id', order: 'asc' },
      brightData: { field: 'bandwidth', order: 'desc' },
    });
    const backToDefault = withSort(withBandwidth, 'anchor', { field: 'created_at', order: 'desc' }, anchor);
    assert.deepEqual(backToDefault.sort, { brightData: { field: 'bandwidth', order: 'desc' } });
    const none = withSort(backToDefault, 'brightData', { field: 'timestamp', order: 'desc' }, brightData);
    assert.equal(isActive(none), false);
    // The default field in the other order is a real choice.
    assert.deepEqual(withSort({}, 'anchor', { field: 'created_at', order: 'asc' }, anchor).sort, {
      anchor: { field: 'created_at', order: 'asc' },
    });
  });

  test('the effective sort falls back to the default for a field the provider lacks', () => {
    assert.deepEqual(effectiveSort({ sort: { anchor: { field: 'bandwidth', order: 'asc' } } }, 'anchor', anchor), anchor.defaultSort);
    assert.deepEqual(effectiveSort({ sort: { anchor: { field: 'used_credits', order: 'asc' } } }, 'anchor', anchor), {
      field: 'used_credits',
      order: 'asc',
    });
  });
});
