import { describe, expect, it } from 'vitest';
import { toInstant } from './instant.ts';

describe('toInstant', () => {
  it.each([
    ['epoch ms number', 1700000300000, '2023-11-14T22:18:20.000Z'],
    ['epoch ms string (HighLevel PUT)', '1628008053263', '2021-08-03T16:27:33.263Z'],
    ['ISO with Z (Exante)', '2023-11-07T05:31:56Z', '2023-11-07T05:31:56.000Z'],
    ['ISO with milliseconds', '2023-11-14T22:18:20.123Z', '2023-11-14T22:18:20.123Z'],
    ['ISO with an offset', '2023-11-07T07:31:56+02:00', '2023-11-07T05:31:56.000Z'],
    ['ISO with a compact offset', '2023-11-07T00:31:56-0500', '2023-11-07T05:31:56.000Z'],
    [
      'ISO without an offset is UTC, not local time',
      '2023-11-07T05:31:56',
      '2023-11-07T05:31:56.000Z',
    ],
    ['a space instead of T', '2023-11-07 05:31:56', '2023-11-07T05:31:56.000Z'],
    ['a date only', '2023-11-07', '2023-11-07T00:00:00.000Z'],
    ['the epoch', 0, '1970-01-01T00:00:00.000Z'],
    ['surrounding spaces', ' 1700000300000 ', '2023-11-14T22:18:20.000Z'],
    [
      'a Firestore timestamp (HighLevel GET-one)',
      { seconds: 1784283629, nanoseconds: 850000000 },
      '2026-07-17T10:20:29.850Z',
    ],
    [
      'a Firestore timestamp as JSON with underscores',
      { _seconds: 0, _nanoseconds: 0 },
      '1970-01-01T00:00:00.000Z',
    ],
  ])('reads %s', (_label, input, expected) => {
    expect(toInstant(input)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['words', 'yesterday'],
    ['a locale date Date.parse would accept', 'March 7, 2023'],
    ['February 30th', '2023-02-30'],
    ['month 13', '2023-13-01'],
    ['hour 24', '2023-11-07T24:00:00Z'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['beyond the representable range', 9e15],
    ['null', null],
    ['a boolean', true],
    ['an object', {}],
    ['a timestamp without seconds', { nanoseconds: 5 }],
  ])('rejects %s', (_label, input) => {
    expect(toInstant(input)).toBeNull();
  });
});
