import { describe, expect, it } from 'vitest';
import { ApiError } from '../client.ts';
import {
  code,
  count,
  epochMs,
  expectArray,
  expectObject,
  flag,
  readableType,
  text,
  texts,
} from './tolerant.ts';

/** What a reader said when it could not go on: the ApiError's kind and messages. */
function failure(read: () => unknown): { kind: string; messages: string[] } {
  try {
    read();
  } catch (error) {
    if (error instanceof ApiError) return { kind: error.kind, messages: error.messages };
    throw error;
  }
  throw new Error('the reader did not refuse');
}

describe('an envelope', () => {
  it('passes through when it has the expected shape', () => {
    const body = { items: [] };
    expect(expectObject(body, 'body')).toBe(body);
    expect(expectArray(body.items, 'body.items')).toBe(body.items);
  });

  it.each([
    ['missing', () => expectObject(undefined, 'body'), 'body: expected object, but it is missing'],
    ['null', () => expectObject(null, 'body'), 'body: expected object, got null'],
    ['a list', () => expectObject([], 'body'), 'body: expected object, got array'],
    ['a string', () => expectObject('ok', 'body'), 'body: expected object, got string'],
    ['an object', () => expectArray({}, 'data.items'), 'data.items: expected array, got object'],
    ['a number', () => expectArray(3, 'data.items'), 'data.items: expected array, got number'],
  ])('names where it broke and what it held when it is %s', (_, read, message) => {
    expect(failure(read)).toEqual({ kind: 'malformed', messages: [message] });
  });
});

describe('field readers', () => {
  it('read a display text from a string or a finite number, and nothing else', () => {
    expect(text('Ada')).toBe('Ada');
    expect(text('   ')).toBeNull();
    expect(text(42)).toBe('42');
    expect(text(Number.NaN)).toBeNull();
    expect(text(Number.POSITIVE_INFINITY)).toBeNull();
    expect(text(true)).toBeNull();
    expect(text({ name: 'Ada' })).toBeNull();
    expect(texts(['a', 2, null, ' ', { b: 1 }])).toEqual(['a', '2']);
    expect(texts('a')).toEqual([]);
  });

  it('read a count from a whole number or decimal digits, with spaces around', () => {
    expect(count(0)).toBe(0);
    expect(count(7)).toBe(7);
    expect(count('42')).toBe(42);
    expect(count(' 7 ')).toBe(7);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['an empty string', ''],
    ['a boolean', true],
    ['negative', -1],
    ['a negative string', '-1'],
    ['a fraction', 1.5],
    ['a fraction string', '1.5'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['digits among words', '3 new'],
    ['a list', ['3']],
  ])('read no count when it is %s (never 0 in its place)', (_, value) => {
    expect(count(value)).toBeNull();
  });

  it('read a yes or no from booleans, their strings and 1/0, and nothing else', () => {
    expect([true, 'true', 1].map(flag)).toEqual([true, true, true]);
    expect([false, 'false', 0].map(flag)).toEqual([false, false, false]);
    expect(['yes', '', 2, null, undefined].map(flag)).toEqual([null, null, null, null, null]);
  });

  it('read an open enum value, trimmed, from a string or a finite number', () => {
    expect(code(' TYPE_SMS ')).toBe('TYPE_SMS');
    expect(code('   ')).toBeNull();
    expect(code(2)).toBe(2);
    expect(code(Number.NaN)).toBeNull();
    expect(code(true)).toBeNull();
    expect(code(null)).toBeNull();
  });

  it('read a date as epoch milliseconds, or none when it is not a date', () => {
    expect(epochMs('2023-11-07T05:31:56Z')).toBe(Date.UTC(2023, 10, 7, 5, 31, 56));
    expect(epochMs(1700000300000)).toBe(1700000300000);
    expect(epochMs('soon')).toBeNull();
    expect(epochMs(null)).toBeNull();
  });
});

describe('a type an agent can read', () => {
  it.each([
    ['TYPE_WHATSAPP', 'WhatsApp'],
    ['TYPE_NO_SHOW', 'No show'],
    ['TYPE_SMS', 'SMS'],
    ['TYPE_CUSTOM_PROVIDER_SMS', 'Custom provider SMS'],
    ['TYPE_GMB', 'Google Business'],
    ['TYPE_LIVE_CHAT_', 'Live chat'],
    ['Live_Chat', 'Live chat'],
    ['fb messenger', 'Facebook messenger'],
    // Only the leading prefix is dropped.
    ['PAYMENT_TYPE_REFUND', 'Payment type refund'],
    ['TYPE_', 'Other'],
    ['', 'Other'],
    [' _ ', 'Other'],
  ])('%j reads as %j', (raw, label) => {
    expect(readableType(raw)).toBe(label);
  });
});
