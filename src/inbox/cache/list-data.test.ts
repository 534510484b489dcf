import { describe, expect, it } from 'vitest';
import type { Page } from '../../api/model.ts';
import { aConversation } from '../../api/test-support.ts';
import { selectListData } from './list-data.ts';

const page = (ids: string[], total: number): Page => ({
  items: ids.map((id) => aConversation({ id, snippet: `${id} of a page of ${ids.length}` })),
  nextCursor: null,
  total,
  unreadable: [],
  gaps: [],
});

describe('selectListData', () => {
  it('flattens the pages in order, each conversation once, with the newest total', () => {
    const pages = [page(['a', 'b', 'c'], 5), page(['c', 'd', 'a', 'e'], 6)];
    const data = selectListData({ pages, pageParams: [null, '2'] });
    expect(data.rows.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The first copy stays: a row never jumps to where a later page repeated it.
    expect(data.rows[2]).toBe(pages[0]?.items[2]);
    expect(data.total).toBe(6);
  });

  it('is empty with no pages', () => {
    expect(selectListData({ pages: [], pageParams: [] })).toEqual({
      rows: [],
      total: 0,
      unreadable: [],
      gaps: [],
    });
  });

  it('reports each unreadable item and each gap once, though overlapping pages repeat them', () => {
    const noId = { id: null, reason: 'it has no id' };
    const undated = { id: 'c9', reason: 'it has no date to order it by' };
    const gap = 'Some conversations could not be listed.';
    const data = selectListData({
      pages: [
        { items: [], nextCursor: 'x', total: 0, unreadable: [noId, undated], gaps: [gap] },
        { items: [], nextCursor: null, total: 0, unreadable: [undated], gaps: [gap] },
      ],
      pageParams: [null, 'x'],
    });
    expect(data.unreadable).toEqual([noId, undated]);
    expect(data.gaps).toEqual([gap]);
  });
});
