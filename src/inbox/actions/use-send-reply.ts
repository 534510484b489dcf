import {
  onlineManager,
  useMutation,
  useMutationState,
  useQueryClient,
  type InfiniteData,
  type Mutation,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError, describeError, mayHaveBeenSent } from '../../api/client.ts';
import type {
  Conversation,
  Message,
  MessagePage,
  ReplyDraft,
  ReplyTarget,
  SentReply,
} from '../../api/model.ts';
import { conversationKeys, type Api } from '../../api/queries.ts';
import { showToast } from '../../ui/toaster.tsx';
import { findCachedConversation, patchCachedConversation } from '../cache/conversation-cache.ts';
import { ledgerFor, writeKey } from '../cache/write-ledger.ts';
import { clearDraftIf } from './reply-drafts.ts';
import { shiftCounts } from './use-update-conversation.ts';

/** Every reply to one conversation carries this key: its sends are the composer's outbox. */
export const replyKey = (api: Api, conversationId: string) =>
  [{ scope: api.scope, entity: 'reply', id: conversationId }] as const;

export interface ReplyVariables {
  target: ReplyTarget;
  draft: ReplyDraft;
  /** The thread's message ids as the agent saw them before sending: a new one is this reply. */
  seen: string[];
}

/**
 * A send that failed. `uncertain`: the answer was lost (mayHaveBeenSent) and the thread
 * could not be read to tell whether it arrived, so the agent decides; otherwise it was
 * not sent (the thread was read and does not have it, or the API said no).
 */
export class UnsentReply extends Error {
  override readonly name = 'UnsentReply';
  constructor(
    readonly reason: string,
    readonly uncertain: boolean,
    options?: { cause: unknown },
  ) {
    super(reason, options);
  }
}

/** Why a reply was not sent, in the agent's words: the API's own for a refusal. */
export function describeSendError(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'http') {
    const detail = error.messages.join('; ');
    if (error.status === 403) {
      return `This token is not allowed to send messages (403): ${detail}. Ask for the message-write scope.`;
    }
    if (error.status === 422) return `The API refused it (422): ${detail}`;
    if (error.status === 404) return `The API no longer has this conversation (404): ${detail}`;
  }
  return describeError(error);
}

/** The newest outbound message in the thread that says `text` and was not there before. */
function findSent(page: MessagePage, text: string, seen: ReadonlySet<string>): Message | null {
  return (
    page.messages.findLast(
      (m) => m.direction === 'outbound' && !seen.has(m.id) && m.body?.trim() === text.trim(),
    ) ?? null
  );
}

/**
 * Puts a sent message where the agent sees it: the thread of the conversation it went
 * into, and that conversation's row (snippet, time, read, who wrote last). Counts move as
 * the row's new state says (it is read; it left a "Waiting on us" view).
 */
function applySent(queryClient: QueryClient, api: Api, target: ReplyTarget, sent: SentReply) {
  const id = sent.conversationId;
  queryClient.setQueryData<InfiniteData<MessagePage>>(
    conversationKeys.messages(api, id),
    (data) => {
      const [newest, ...older] = data?.pages ?? [];
      if (!data || !newest || newest.messages.some((m) => m.id === sent.message.id)) return data;
      return {
        ...data,
        pages: [{ ...newest, messages: [...newest.messages, sent.message] }, ...older],
      };
    },
  );
  const replied = (c: Conversation): Conversation => ({
    ...c,
    snippet: sent.message.body ?? c.snippet,
    lastActivityAt: sent.message.sentAt,
    isUnread: false,
    unreadCount: c.unreadCount === null ? null : 0,
    lastMessageDirection: 'outbound',
    ...sent.update,
  });
  const before = findCachedConversation(queryClient, api, id);
  if (before) shiftCounts(queryClient, api, before, replied(before));
  // A live answer asked before the reply must not put the old snippet back.
  ledgerFor(queryClient).touch(writeKey(api, id));
  patchCachedConversation(queryClient, api, id, replied);
  void queryClient.invalidateQueries({ queryKey: conversationKeys.counts(api) });
  if (id !== target.id) {
    // HighLevel files a message by contact: it may have gone to the contact's other thread.
    void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(api, target.id) });
    showToast(
      'Sent. HighLevel filed it in another conversation of this contact, on the same channel.',
    );
  }
}

export type OutboxItem =
  | { status: 'sending'; key: number; draft: ReplyDraft }
  | { status: 'sent'; key: number; draft: ReplyDraft; messageId: string }
  | { status: 'failed'; key: number; draft: ReplyDraft; reason: string; uncertain: boolean };

const toItem = (mutation: Mutation<SentReply, Error, ReplyVariables>): OutboxItem | null => {
  const { status, variables, data, error, submittedAt } = mutation.state;
  if (!variables) return null;
  const key = submittedAt;
  const { draft } = variables;
  if (status === 'pending') return { status: 'sending', key, draft };
  if (status === 'success' && data)
    return { status: 'sent', key, draft, messageId: data.message.id };
  if (status === 'error') {
    return {
      status: 'failed',
      key,
      draft,
      reason: error instanceof UnsentReply ? error.reason : describeSendError(error),
      uncertain: error instanceof UnsentReply && error.uncertain,
    };
  }
  return null;
};

/** The replies to one conversation sent from this tab: sending, sent, or failed, oldest first. */
export function useReplyOutbox(conversationId: string): OutboxItem[] {
  const api = useApi();
  return useMutationState({
    filters: { mutationKey: replyKey(api, conversationId) },
    select: (mutation) => toItem(mutation as Mutation<SentReply, Error, ReplyVariables>),
  }).filter((item): item is OutboxItem => item !== null);
}

/**
 * Replies to one conversation. Each send is a mutation under `replyKey`, so what is in
 * flight or failed (the outbox) outlives the composer: leaving the conversation mid-send
 * and coming back shows it still sending. A send never goes twice: a second one waits
 * until the first has settled, and a failure whose answer was lost (a timeout, a dropped
 * connection) reads the thread again before it is called unsent.
 */
export function useSendReply(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const mutationKey = replyKey(api, conversationId);
  const { mutateAsync } = useMutation<SentReply, Error, ReplyVariables>({
    mutationKey,
    mutationFn: async ({ target, draft, seen }) => {
      try {
        return await api.provider.reply(target, draft);
      } catch (error) {
        if (!mayHaveBeenSent(error)) throw error;
        // Did it arrive? The thread says; until it does, nothing may send it again.
        let page: MessagePage;
        try {
          page = await api.provider.messages(target.id, null);
        } catch {
          throw new UnsentReply(
            `The answer was lost (${describeError(error)}), and the thread could not be read to tell whether it was sent. Check the thread before sending again.`,
            true,
            { cause: error },
          );
        }
        const found = findSent(page, draft.text, new Set(seen));
        if (found) return { conversationId: target.id, message: found, update: { id: target.id } };
        throw new UnsentReply(
          `${describeError(error)} The thread does not have it: it was not sent.`,
          false,
          { cause: error },
        );
      }
    },
    onSuccess: (sent, { target, draft }) => {
      applySent(queryClient, api, target, sent);
      clearDraftIf({ scope: api.scope, agent: api.meId }, target.id, draft.text);
    },
  });

  const outbox = useReplyOutbox(conversationId);
  const sending = outbox.some((item) => item.status === 'sending');

  // Two clicks faster than a render are still one send.
  const inFlight = useRef(false);
  /**
   * Sends, unless a send to this conversation is under way. Resolves with what was sent,
   * or null when nothing was (offline, already sending, failed: the outbox says why).
   */
  const send = useCallback(
    async (target: ReplyTarget, draft: ReplyDraft): Promise<SentReply | null> => {
      const key = replyKey(api, conversationId);
      const pending = queryClient.isMutating({ mutationKey: key }) > 0;
      if (inFlight.current || pending) return null;
      if (!onlineManager.isOnline()) throw new OfflineRefusal();
      const thread = queryClient.getQueryData<InfiniteData<MessagePage>>(
        conversationKeys.messages(api, target.id),
      );
      const seen = (thread?.pages ?? []).flatMap((p) => p.messages.map((m) => m.id));
      inFlight.current = true;
      try {
        return await mutateAsync({ target, draft, seen });
      } catch {
        return null;
      } finally {
        inFlight.current = false;
      }
    },
    [api, conversationId, queryClient, mutateAsync],
  );

  return { send, outbox, sending };
}

/** Offline, a reply is refused, not queued (decision 0008): the draft stays. */
export class OfflineRefusal extends Error {
  override readonly name = 'OfflineRefusal';
  constructor() {
    super(
      'You are offline: Parley did not send it. Your draft is kept; send it when the connection is back.',
    );
  }
}
