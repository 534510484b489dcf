import type { Conversation, InboxFilters, Provider } from '../../src/api/model.ts';
import { createProvider } from '../../src/api/providers/create-provider.ts';
import { collectMatching } from '../../src/inbox/actions/bulk-run.ts';

/**
 * The app's own HighLevel adapter (src/api), run in Node against the embedded API. S8 asks
 * it what the browser is about to find (a view's conversations and contacts, the agents)
 * and how many list requests one pass over a view takes: HighLevel's cursor cannot break
 * ties, so a pass asks again around every wide tie (decision 0012), and a bound written
 * from the page size alone would be wrong. Counting the same paging code's requests makes
 * "one pass" exact.
 */

export interface AppApi {
  provider: Provider;
  meId: string | null;
  /** Requests the adapter has sent so far. */
  requests: () => number;
}

export async function appApi(appUrl: string): Promise<AppApi> {
  const config = (await (await fetch(`${appUrl}/parley/config`)).json()) as {
    providers: {
      highlevel: { baseUrl: string; tenantId: string; token: string; meId: string | null };
    };
  };
  const { baseUrl, tenantId, token, meId } = config.providers.highlevel;
  let sent = 0;
  const provider = createProvider(
    { provider: 'highlevel', baseUrl: `${appUrl}${baseUrl}`, tenantId, token, meId },
    (url, init) => {
      sent += 1;
      return fetch(url, init);
    },
  );
  return { provider, meId, requests: () => sent };
}

/** How many conversations a view holds, as the app's counts ask (one item, its `total`). */
export async function viewTotal(api: AppApi, filters: InboxFilters): Promise<number> {
  return (await api.provider.list({ filters, cursor: null, limit: 1 })).total;
}

/**
 * Every conversation of a view, collected exactly as "Select all N matching" collects it
 * (the same function), and the list requests that one pass took.
 */
export async function onePass(
  api: AppApi,
  filters: InboxFilters,
): Promise<{ conversations: Conversation[]; listRequests: number }> {
  const before = api.requests();
  const conversations = await collectMatching(
    (cursor, signal, limit) => api.provider.list({ filters, cursor, limit, signal }),
    new AbortController().signal,
    () => {},
  );
  return { conversations, listRequests: api.requests() - before };
}
