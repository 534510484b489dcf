import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultFilters } from '../../api/model.ts';
import { filterKeys, parseFilters, serializeFilters } from './url-filters.ts';

const parse = (search: string) => parseFilters(new URLSearchParams(search));

describe('parseFilters', () => {
  it('reads every key of a canonical URL', () => {
    const { filters, notices } = parse(
      'assignee=me,unassigned&read=unread&starred=1&status=active,draft&channel=email&category=billing&q=refund&sort=-created',
    );
    expect(notices).toEqual([]);
    expect(filters).toEqual({
      assignee: ['me', 'unassigned'],
      read: 'unread',
      starred: true,
      lifecycle: ['active', 'draft'],
      channel: 'email',
      categories: ['billing'],
      contact: null,
      followers: [],
      mentions: [],
      messageType: null,
      direction: null,
      action: null,
      from: null,
      to: null,
      q: 'refund',
      sort: { field: 'created', direction: 'desc' },
    });
  });

  it('drops unknown keys and invalid values, and says which', () => {
    const { filters, notices } = parse(
      'status=bogus,active&read=maybe&utm_source=mail&sort=-colour',
    );
    expect(filters.lifecycle).toEqual(['active']);
    expect(filters.read).toBe('all');
    expect(filters.sort).toEqual(defaultFilters.sort);
    expect(notices).toEqual([
      'ignored status=bogus',
      'ignored read=maybe',
      'ignored unknown parameter utm_source',
      'ignored sort=-colour',
    ]);
  });

  it('omits defaults and orders keys, lists and values canonically', () => {
    const { filters } = parse('q=x&status=draft,active,draft&assignee=unassigned,me&read=all');
    expect(serializeFilters(filters).toString()).toBe(
      'assignee=me%2Cunassigned&status=active%2Cdraft&q=x',
    );
    expect(serializeFilters(defaultFilters).toString()).toBe('');
  });
});

describe('the HighLevel-only keys', () => {
  it('reads contact, followers, mentions, last message and dates, and rejects bad ones', () => {
    const { filters, notices } = parse(
      'contact=c1&followers=u2,u1&mentions=u3&type=TYPE_SMS&direction=inbound&action=manual&from=2026-10-01&to=2026-09-01',
    );
    expect(filters).toMatchObject({
      contact: 'c1',
      followers: ['u1', 'u2'],
      mentions: ['u3'],
      messageType: 'TYPE_SMS',
      direction: 'inbound',
      action: 'manual',
      from: '2026-10-01',
      to: null,
    });
    expect(notices).toEqual(['ignored to=2026-09-01: it is before from=2026-10-01']);
    expect(parse('from=2026-02-30&type=sms&direction=up').notices).toEqual([
      'ignored from=2026-02-30',
      'ignored type=sms',
      'ignored direction=up',
    ]);
  });
});

describe('parse → serialize → parse', () => {
  const anyParams = fc.array(
    fc.tuple(
      fc.oneof(
        // Every key the parser knows, so a new key is fuzzed the day it is added.
        fc.constantFrom(...filterKeys),
        fc.string(),
      ),
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          'me',
          'unread',
          '1',
          'active,closed',
          'email',
          '-updated',
          'subject',
          'TYPE_SMS',
          'inbound',
          'manual',
          '2026-10-01',
          '2026-02-30',
        ),
      ),
    ),
  );

  it('never throws, and the canonical form is a fixed point for any input', () => {
    fc.assert(
      fc.property(anyParams, (entries) => {
        const first = parseFilters(new URLSearchParams(entries));
        const canonical = serializeFilters(first.filters);
        const second = parseFilters(canonical);
        expect(second.notices).toEqual([]);
        expect(second.filters).toEqual(first.filters);
        expect(serializeFilters(second.filters).toString()).toBe(canonical.toString());
      }),
    );
  });
});
