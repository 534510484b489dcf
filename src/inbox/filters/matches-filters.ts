import type { Conversation, InboxFilters } from '../../api/model.ts';

/**
 * Whether a conversation belongs to a view, as far as the browser can tell: null when
 * only the server knows (full-text search). Used to move cached counts optimistically.
 */
export function matchesFilters(
  c: Conversation,
  f: InboxFilters,
  meId: string | null,
): boolean | null {
  // Only the server knows search hits and the last-message and follower details.
  const serverOnly =
    f.q !== '' ||
    f.followers.length > 0 ||
    f.mentions.length > 0 ||
    f.messageType !== null ||
    f.direction !== null ||
    f.action !== null;
  if (serverOnly) return null;
  if (f.contact !== null && c.contactId !== f.contact) return false;
  if (f.from !== null || f.to !== null) {
    const day = c.createdAt?.slice(0, 10);
    if (day === undefined) return null;
    if ((f.from !== null && day < f.from) || (f.to !== null && day > f.to)) return false;
  }
  if (f.read === 'unread' && !c.isUnread) return false;
  if (f.read === 'read' && c.isUnread) return false;
  if (f.starred && c.starred !== true) return false;
  if (f.assignee.length > 0) {
    const assigned = f.assignee.some((a) =>
      a === 'unassigned' ? c.assigneeId === null : c.assigneeId === (a === 'me' ? meId : a),
    );
    if (!assigned) return false;
  }
  if (f.lifecycle.length > 0 && (c.lifecycle === null || !f.lifecycle.includes(c.lifecycle)))
    return false;
  if (f.channel !== null && c.channel !== f.channel) return false;
  if (f.categories.length > 0 && !f.categories.some((label) => c.labels.includes(label)))
    return false;
  return true;
}
