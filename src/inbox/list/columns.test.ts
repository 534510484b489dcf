import { describe, expect, it } from 'vitest';
import { exanteCapabilities } from '../../api/providers/exante.ts';
import { highlevelCapabilities } from '../../api/providers/highlevel.ts';
import { columnsFor, minConversationPx } from './columns.tsx';

const ids = (caps: typeof highlevelCapabilities, px: number) =>
  columnsFor(caps, px).columns.map((c) => c.id);
const folded = (caps: typeof highlevelCapabilities, px: number) => [...columnsFor(caps, px).folded];

describe('columnsFor', () => {
  it('shows every column the API can fill where there is room', () => {
    expect(ids(highlevelCapabilities, 1200)).toEqual([
      'select',
      'star',
      'conversation',
      'channel',
      'assignee',
      'labels',
      'time',
    ]);
    // Exante has a status and no stars.
    expect(ids(exanteCapabilities, 1200)).toEqual([
      'select',
      'conversation',
      'channel',
      'status',
      'assignee',
      'labels',
      'time',
    ]);
    expect(folded(highlevelCapabilities, 1200)).toEqual([]);
  });

  it('gives way in order — labels, channel, status, assignee — as the list narrows', () => {
    expect(folded(exanteCapabilities, 900)).toEqual(['labels']);
    expect(folded(exanteCapabilities, 700)).toEqual(['labels', 'channel']);
    expect(folded(exanteCapabilities, 600)).toEqual(['labels', 'channel', 'status']);
    expect(folded(exanteCapabilities, 390)).toEqual(['labels', 'channel', 'status', 'assignee']);
    // What an API does not have cannot give way.
    expect(folded(highlevelCapabilities, 390)).toEqual(['labels', 'channel', 'assignee']);
  });

  it('keeps the Conversation column its least width wherever a column can still give way', () => {
    for (const caps of [highlevelCapabilities, exanteCapabilities]) {
      for (let px = 300; px <= 2560; px += 10) {
        const { columns, folded: gone } = columnsFor(caps, px);
        const fixed = columns.reduce((sum, c) => sum + (c.size ?? 0), 0);
        const room = px - 28 - 12 * (columns.length - 1) - fixed;
        // Until every column that can give way has (HighLevel has no status column):
        if (gone.size < (caps.lifecycle ? 4 : 3)) {
          expect(room).toBeGreaterThanOrEqual(minConversationPx);
        }
      }
    }
  });
});
