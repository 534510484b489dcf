import { describe, expect, it } from 'vitest';
import {
  charCount,
  describeReplyProblem,
  replyProblems,
  smsCapacity,
  smsCount,
} from './message-limits.ts';

describe('smsCount', () => {
  it.each([
    ['', 'GSM-7', 0, 0],
    ['Hello', 'GSM-7', 5, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // Extension characters take two septets.
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['[x]', 'GSM-7', 5, 1],
    // Accents of the GSM alphabet stay GSM-7; others make the whole text UCS-2.
    ['Ça coûte 5 €', 'UCS-2', 12, 1],
    ['Déjà vu à Zürich', 'GSM-7', 16, 1],
    ['ж'.repeat(70), 'UCS-2', 70, 1],
    ['ж'.repeat(71), 'UCS-2', 71, 2],
    // An emoji is two UTF-16 units.
    ['👍', 'UCS-2', 2, 1],
  ] as const)('%j: %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(smsCount(text)).toMatchObject({ encoding, units, segments });
  });

  it('never splits a two-septet character or a surrogate pair across parts', () => {
    // 76 euros fill 152 of a part's 153 septets; the 77th starts the next part.
    expect(smsCount('€'.repeat(153)).segments).toBe(3);
    expect(smsCount('€'.repeat(760)).segments).toBe(10);
    expect(smsCount('€'.repeat(761)).segments).toBe(11);
    // 33 emoji fill 66 of a part's 67 units.
    expect(smsCount('👍'.repeat(66)).segments).toBe(2);
    expect(smsCount('👍'.repeat(67)).segments).toBe(3);
  });

  it('says how much room is left', () => {
    expect(smsCount('Hello').remaining).toBe(155);
    expect(smsCount('a'.repeat(200)).remaining).toBe(153 - 47);
    expect(smsCount('').remaining).toBe(160);
  });
});

describe('replyProblems', () => {
  it('finds an empty reply, and each limit a reply breaks', () => {
    expect(replyProblems('sms', { maxSegments: 10 }, ' \n')).toEqual([{ kind: 'empty' }]);
    expect(replyProblems('sms', { maxSegments: 10 }, 'a'.repeat(1530))).toEqual([]);
    expect(replyProblems('sms', { maxSegments: 10 }, 'a'.repeat(1531))).toEqual([
      { kind: 'segments', max: 10, segments: 11 },
    ]);
    expect(replyProblems('text', { maxChars: 3 }, '👍👍👍')).toEqual([]);
    expect(replyProblems('text', { maxChars: 3 }, 'abcd')).toEqual([
      { kind: 'chars', max: 3, chars: 4 },
    ]);
    expect(replyProblems('email', { maxChars: 10, maxSubjectChars: 2 }, 'hello', 'abc')).toEqual([
      { kind: 'subject', max: 2, chars: 3 },
    ]);
    // A subject is an email's only.
    expect(replyProblems('text', { maxChars: 10, maxSubjectChars: 2 }, 'hi', 'abc')).toEqual([]);
  });

  it('names the limit in a sentence', () => {
    expect(describeReplyProblem({ kind: 'empty' }, 'message')).toBe('message should not be empty');
    expect(describeReplyProblem({ kind: 'segments', max: 10, segments: 12 }, 'The reply')).toBe(
      'The reply must fit in 10 SMS segments (1,530 GSM-7 characters, or 670 when any character is outside GSM-7); it takes 12',
    );
    expect(describeReplyProblem({ kind: 'segments', max: 1, segments: 2 }, 'The reply')).toBe(
      'The reply must fit in 1 SMS segments (160 GSM-7 characters, or 70 when any character is outside GSM-7); it takes 2',
    );
    expect(describeReplyProblem({ kind: 'chars', max: 2000, chars: 2001 }, 'message')).toBe(
      'message must be at most 2,000 characters; it has 2,001',
    );
    expect(
      describeReplyProblem({ kind: 'subject', max: 255, chars: 300 }, 'body', 'The subject'),
    ).toBe('The subject must be at most 255 characters; it has 300');
  });

  it('counts characters as an agent does', () => {
    expect(charCount('👍é')).toBe(2);
    expect(smsCapacity(10)).toEqual({ gsm7: 1530, ucs2: 670 });
  });
});
