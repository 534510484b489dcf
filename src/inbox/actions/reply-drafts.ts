/**
 * Reply drafts, kept in this browser's localStorage: one entry per connection scope, agent
 * and conversation (draft-marks.ts names the key), written on every change, so a draft
 * outlives a navigation, a reload and a closed tab (the server keeps no user state). The
 * composer owns the text while it is open; this module only stores it, and moves the
 * list's marker when a draft begins or ends.
 */
import { draftKey, draftMarks, type DraftOwner } from './draft-marks.ts';

export interface ReplyDraftText {
  text: string;
  /** An email's subject as the agent left it; null where there is none. */
  subject: string | null;
}

/** Drafts that localStorage refused (full, or disabled): kept for this tab at least. */
const unstored = new Map<string, string>();

function readRaw(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? unstored.get(key) ?? null;
  } catch {
    return unstored.get(key) ?? null;
  }
}

/** What the agent wrote to this conversation and did not send, or null. */
export function readDraft(owner: DraftOwner, conversationId: string): ReplyDraftText | null {
  const raw = readRaw(draftKey(owner, conversationId));
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<ReplyDraftText> | null;
    if (typeof value?.text !== 'string') return null;
    return { text: value.text, subject: typeof value.subject === 'string' ? value.subject : null };
  } catch {
    return null;
  }
}

/**
 * Keeps the draft (an empty text removes it). Returns false when this browser would not
 * store it: it is then kept for this tab only.
 */
export function saveDraft(
  owner: DraftOwner,
  conversationId: string,
  draft: ReplyDraftText,
): boolean {
  const key = draftKey(owner, conversationId);
  const empty = draft.text.trim() === '';
  let stored = true;
  try {
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
    unstored.delete(key);
  } catch {
    stored = false;
    if (empty) unstored.delete(key);
    else unstored.set(key, JSON.stringify(draft));
  }
  const keys = draftMarks.get();
  if (keys.has(key) === empty) {
    const next = new Set(keys);
    if (empty) next.delete(key);
    else next.add(key);
    draftMarks.set(next);
  }
  return stored;
}

/** Removes the draft if it still says `text` (the agent may have begun another since). */
export function clearDraftIf(owner: DraftOwner, conversationId: string, text: string): void {
  const draft = readDraft(owner, conversationId);
  if (draft !== null && draft.text === text)
    saveDraft(owner, conversationId, { ...draft, text: '' });
}
