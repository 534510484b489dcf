import type { Conversation, InboxFilters } from '../../api/model.ts';

/**
 * Whether a conversation belongs to a view, as far as the browser can tell: null when
 * only the server knows (full-text search). Used to move cached counts optimistically.
 */
export function matchesFilters(c: Conversation, f: InboxFilters, meId: string | null): boolean | null {
  if (f.q !== '') return null;
  if (f.read === 'unread' && !c.isUnread) return false;
  if (f.read === 'read' && c.isUnread) return false;
  if (f.starred && c.starred !== true) return false;
  if (f.assignee.length > 0) {
    const assigned = f.assignee.some((a) =>
      a === 'unassigned' ? c.assigneeId === null : c.assigneeId === (a === 'me' ? meId : a),
    );
    if (!assigned) return false;
  }
  if (f.lifecycle.length > 0 && (c.lifecycle === null || !f.lifecycle.includes(c.lifecycle))) return false;
  if (f.channel !== null && c.channel !== f.channel) return false;
  if (f.categories.length > 0 && !f.categories.some((label) => c.labels.includes(label))) return false;
  return true;
}
