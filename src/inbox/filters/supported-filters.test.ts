import { describe, expect, it } from 'vitest';
import { defaultFilters, type InboxFilters } from '../../api/model.ts';
import { exanteCapabilities } from '../../api/providers/exante.ts';
import { highlevelCapabilities } from '../../api/providers/highlevel.ts';
import { keepSupported } from './supported-filters.ts';

const filters = (patch: Partial<InboxFilters>): InboxFilters => ({ ...defaultFilters, ...patch });

describe('keepSupported', () => {
  it('keeps what HighLevel can apply and drops lifecycle and categories with a notice', () => {
    const { filters: kept, notices } = keepSupported(
      filters({ assignee: ['me', 'unassigned'], lifecycle: ['active'], categories: ['billing'] }),
      highlevelCapabilities,
    );
    expect(kept.assignee).toEqual(['me', 'unassigned']);
    expect(kept.lifecycle).toEqual([]);
    expect(kept.categories).toEqual([]);
    expect(notices).toEqual([
      'ignored status=active: this API cannot filter by it',
      'ignored category=billing: this API cannot filter by it',
    ]);
  });

  it('keeps the star view when HighLevel cannot combine it with a read filter', () => {
    const { filters: kept, notices } = keepSupported(
      filters({ starred: true, read: 'unread' }),
      highlevelCapabilities,
    );
    expect(kept.starred).toBe(true);
    expect(kept.read).toBe('all');
    expect(notices).toEqual(['ignored read=unread: this API cannot combine it with starred']);
  });

  it('limits Exante to one assignee and no stars or unassigned', () => {
    const { filters: kept, notices } = keepSupported(
      filters({
        assignee: ['a1', 'b2', 'unassigned'],
        starred: true,
        sort: { field: 'subject', direction: 'asc' },
      }),
      exanteCapabilities,
    );
    expect(kept.assignee).toEqual(['a1']);
    expect(kept.starred).toBe(false);
    expect(kept.sort).toEqual({ field: 'subject', direction: 'asc' });
    expect(notices).toHaveLength(3);
  });

  it('names the HighLevel-only filters it drops for Exante', () => {
    const { filters: kept, notices } = keepSupported(
      filters({ followers: ['u1'], from: '2026-01-01', to: '2026-02-01', contact: 'c1' }),
      exanteCapabilities,
    );
    expect(kept.followers).toEqual([]);
    expect(kept.from).toBeNull();
    expect(kept.contact).toBe('c1');
    expect(notices).toEqual([
      'ignored followers=u1: this API cannot filter by it',
      'ignored from=2026-01-01 to=2026-02-01: this API cannot filter by it',
    ]);
  });

  it('changes nothing and says nothing for a supported view', () => {
    const input = filters({ read: 'unread', lifecycle: ['active'] });
    expect(keepSupported(input, exanteCapabilities)).toEqual({ filters: input, notices: [] });
  });
});
