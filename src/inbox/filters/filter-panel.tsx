import { useQuery, type InfiniteData } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';
import type { Channel, FilterName, InboxFilters, Lifecycle, Page } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { useCachedList } from '../list/use-cached-list.ts';
import { AgentPicker } from './agent-picker.tsx';

interface Props {
  id: string;
  filters: InboxFilters;
  onChange: (next: InboxFilters) => void;
}

/** Labels seen in the view's loaded rows: suggestions, since neither API lists its categories. */
const seenLabels = (data: InfiniteData<Page>) =>
  new Set(data.pages.flatMap((page) => page.items.flatMap((item) => item.labels)));
const noLabels: ReadonlySet<string> = new Set();

const lifecycles: Lifecycle[] = ['active', 'draft', 'archived', 'closed'];
const exanteChannels: Channel[] = ['email', 'sms'];
const field = 'rounded border border-line-strong px-2 py-1 text-sm';
const legendClass = 'mb-1 text-sm font-semibold text-ink';

/** Every filter the connected API can apply, and only those (capabilities). */
export function FilterPanel({ id, filters: f, onChange }: Props) {
  const api = useApi();
  const caps = api.provider.capabilities;
  const agents = useQuery(conversationQueries.agents(api)).data ?? [];
  const knownCategories = useCachedList(f, seenLabels).data ?? noLabels;
  const has = (name: FilterName) => caps.filters.includes(name);
  const set = (patch: Partial<InboxFilters>) => onChange({ ...f, ...patch });
  const specials = [
    { id: 'me', label: 'Me' },
    ...(caps.unassignedFilter ? [{ id: 'unassigned', label: 'Unassigned' }] : []),
  ];

  return (
    <section
      id={id}
      aria-label="Filters"
      className="flex flex-wrap gap-x-8 gap-y-4 border-b border-line bg-surface-muted px-4 py-3"
    >
      {has('assignee') ? (
        <AgentPicker
          legend="Assignee"
          agents={agents}
          selected={f.assignee}
          onChange={(assignee) => set({ assignee })}
          single={!caps.multiAssignee}
          specials={specials}
        />
      ) : null}
      <div className="flex flex-col gap-3">
        {has('read') ? (
          <fieldset>
            <legend className={legendClass}>Read state</legend>
            {(['all', 'unread', 'read'] as const).map((value) => (
              <label key={value} className="mr-3 text-sm capitalize">
                <input
                  type="radio"
                  name="read"
                  className="mr-1"
                  checked={f.read === value}
                  onChange={() => set({ read: value })}
                />
                {value}
              </label>
            ))}
          </fieldset>
        ) : null}
        {has('starred') ? (
          <label className="text-sm">
            <input
              type="checkbox"
              className="mr-1"
              checked={f.starred}
              onChange={(e) => set({ starred: e.target.checked })}
            />
            Starred only
          </label>
        ) : null}
        {has('channel') ? (
          <label className="text-sm">
            Channel{' '}
            <select
              className={field}
              value={f.channel ?? ''}
              onChange={(e) => set({ channel: (e.target.value || null) as Channel | null })}
            >
              <option value="">Any</option>
              {exanteChannels.map((c) => (
                <option key={c} value={c}>
                  {c === 'sms' ? 'SMS' : 'Email'}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {has('contact') ? (
          <label className="text-sm">
            Contact id{' '}
            <input
              className={field}
              value={f.contact ?? ''}
              onChange={(e) => set({ contact: e.target.value.trim() || null })}
            />
          </label>
        ) : null}
      </div>
      {has('lifecycle') ? (
        <fieldset>
          <legend className={legendClass}>Status</legend>
          {lifecycles.map((value) => (
            <label key={value} className="block text-sm capitalize">
              <input
                type="checkbox"
                className="mr-1"
                checked={f.lifecycle.includes(value)}
                onChange={(e) =>
                  set({
                    lifecycle: e.target.checked
                      ? [...f.lifecycle, value]
                      : f.lifecycle.filter((l) => l !== value),
                  })
                }
              />
              {value}
            </label>
          ))}
        </fieldset>
      ) : null}
      {has('categories') ? (
        <fieldset>
          <legend className={legendClass}>Category</legend>
          <ul className="max-h-40 overflow-y-auto text-sm">
            {[...new Set([...knownCategories, ...f.categories])].sort().map((value) => (
              <li key={value}>
                <label>
                  <input
                    type="checkbox"
                    className="mr-1"
                    checked={f.categories.includes(value)}
                    onChange={(e) =>
                      set({
                        categories: e.target.checked
                          ? [...f.categories, value]
                          : f.categories.filter((c) => c !== value),
                      })
                    }
                  />
                  {value}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {has('followers') ? (
        <AgentPicker
          legend="Followers"
          agents={agents}
          selected={f.followers}
          onChange={(followers) => set({ followers })}
        />
      ) : null}
      {has('mentions') ? (
        <AgentPicker
          legend="Mentions"
          agents={agents}
          selected={f.mentions}
          onChange={(mentions) => set({ mentions })}
        />
      ) : null}
      {has('messageType') || has('direction') || has('action') ? (
        <fieldset className="flex flex-col gap-2">
          <legend className={legendClass}>Last message</legend>
          {has('messageType') ? (
            <label className="text-sm">
              Type{' '}
              <select
                className={field}
                value={f.messageType ?? ''}
                onChange={(e) => set({ messageType: e.target.value || null })}
              >
                <option value="">Any</option>
                {caps.messageTypes.map((t) => (
                  <option key={t} value={t}>
                    {t
                      .replace(/^TYPE_/, '')
                      .replaceAll('_', ' ')
                      .toLowerCase()}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {has('direction') ? (
            <label className="text-sm">
              Direction{' '}
              <select
                className={field}
                value={f.direction ?? ''}
                onChange={(e) =>
                  set({ direction: (e.target.value || null) as InboxFilters['direction'] })
                }
              >
                <option value="">Any</option>
                <option value="inbound">Inbound</option>
                <option value="outbound">Outbound</option>
              </select>
            </label>
          ) : null}
          {has('action') ? (
            <label className="text-sm">
              Action{' '}
              <select
                className={field}
                value={f.action ?? ''}
                onChange={(e) =>
                  set({ action: (e.target.value || null) as InboxFilters['action'] })
                }
              >
                <option value="">Any</option>
                <option value="manual">Manual</option>
                <option value="automated">Automated</option>
              </select>
            </label>
          ) : null}
        </fieldset>
      ) : null}
      {has('dateRange') ? (
        <fieldset className="flex flex-col gap-2">
          <legend className={legendClass}>Created (UTC)</legend>
          <label className="text-sm">
            From{' '}
            <input
              type="date"
              className={field}
              value={f.from ?? ''}
              onChange={(e) => set({ from: e.target.value || null })}
            />
          </label>
          <label className="text-sm">
            Until{' '}
            <input
              type="date"
              className={field}
              value={f.to ?? ''}
              onChange={(e) => set({ to: e.target.value || null })}
            />
          </label>
        </fieldset>
      ) : null}
    </section>
  );
}
