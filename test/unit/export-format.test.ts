// The CSV and JSON Lines encodings, field by field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CSV_COLUMNS, csvField, csvHeader, csvRow, jsonLine } from '../../src/export/format';
import type { Session } from '../../src/providers/types';

const base: Session = { id: 'a', provider: 'anchor', status: 'completed', statusKind: 'finished', domains: [], tags: [], raw: { id: 'a' } };

describe('CSV fields', () => {
  test('RFC 4180: quoted only when needed, quotes doubled', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(12.5), '12.5');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  test('a cell that starts like a formula gets a leading apostrophe; one with the character later does not', () => {
    for (const hostile of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      const cell = csvField(hostile);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1) : cell;
      assert.equal(unquoted, `'${hostile}`, JSON.stringify(hostile));
    }
    assert.equal(csvField('a=b'), 'a=b');
    assert.equal(csvField('=a,b'), `"'=a,b"`, 'prefixed, then quoted');
  });

  test('a row has one field per header column, lists joined with ;, CRLF at the end', () => {
    const row = csvRow({ ...base, domains: ['a.example', 'b.example'], tags: ['x'], credits: 2 }, { connectionLabel: 'Anchor' });
    assert.ok(row.endsWith('\r\n'));
    assert.ok(csvHeader().endsWith('\r\n'));
    const fields = row.slice(0, -2).split(',');
    assert.equal(fields.length, CSV_COLUMNS.length);
    const of = (name: string): string => fields[CSV_COLUMNS.indexOf(name)];
    assert.equal(of('connection'), 'Anchor');
    assert.equal(of('domains'), 'a.example;b.example');
    assert.equal(of('credits'), '2');
    assert.equal(of('tags'), 'x');
  });
});

describe('JSON Lines', () => {
  test('the raw record on one line, line breaks in strings escaped', () => {
    const line = jsonLine({ ...base, raw: { id: 'a', note: 'one\ntwo\u2028' } });
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.deepEqual(JSON.parse(line), { id: 'a', note: 'one\ntwo\u2028' });
  });
});
