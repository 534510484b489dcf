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
      'ignored status=active: this API has no lifecycle status',
      'ignored category=billing: this API has no categories',
    ]);
  });

  it('keeps the star view when HighLevel cannot combine it with a read filter', () => {
    const { filters: kept, notices } = keepSupported(filters({ starred: true, read: 'unread' }), highlevelCapabilities);
    expect(kept.starred).toBe(true);
    expect(kept.read).toBe('all');
    expect(notices).toEqual(['ignored read=unread: this API cannot combine it with starred']);
  });

  it('limits Exante to one assignee and no stars or unassigned', () => {
    const { filters: kept, notices } = keepSupported(
      filters({ assignee: ['a1', 'b2', 'unassigned'], starred: true, sort: { field: 'subject', direction: 'asc' } }),
      exanteCapabilities,
    );
    expect(kept.assignee).toEqual(['a1']);
    expect(kept.starred).toBe(false);
    expect(kept.sort).toEqual({ field: 'subject', direction: 'asc' });
    expect(notices).toHaveLength(3);
  });

  it('changes nothing and says nothing for a supported view', () => {
    const input = filters({ read: 'unread', lifecycle: ['active'] });
    expect(keepSupported(input, exanteCapabilities)).toEqual({ filters: input, notices: [] });
  });
});
