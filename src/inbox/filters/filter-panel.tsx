import { useQuery, type InfiniteData } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Agent, Capabilities, InboxFilters, Page } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { useCachedList } from '../cache/use-cached-list.ts';
import { CheckboxGroup } from './checkbox-group.tsx';
import {
  filterRegistry,
  valueOf,
  type AnyFilterDescriptor,
  type ControlContext,
  type FilterGroup,
} from './filter-registry.ts';

interface Props {
  id: string;
  filters: InboxFilters;
  onChange: (next: InboxFilters) => void;
}

/** Labels seen in the view's loaded rows: suggestions, since neither API lists its categories. */
const seenLabels = (data: InfiniteData<Page>) =>
  new Set(data.pages.flatMap((page) => page.items.flatMap((item) => item.labels)));
const noLabels: ReadonlySet<string> = new Set();
const noAgents: Agent[] = [];
const field = 'rounded border border-line-strong px-2 py-1 text-sm';
const legendClass = 'mb-1 text-sm font-semibold text-ink';

interface Block {
  group: FilterGroup | undefined;
  members: AnyFilterDescriptor[];
}

/** The panel's columns: the controls this API can apply, grouped, in the registry's order. */
function blocksFor(caps: Capabilities): Block[] {
  const blocks: Block[] = [];
  for (const d of filterRegistry) {
    if (!d.control || (d.needs !== null && !caps.filters.includes(d.needs))) continue;
    const block = d.group && blocks.find((b) => b.group === d.group);
    if (block) block.members.push(d);
    else blocks.push({ group: d.group, members: [d] });
  }
  return blocks;
}

/** Every filter the connected API can apply, and only those (capabilities). */
export function FilterPanel({ id, filters, onChange }: Props) {
  const api = useApi();
  const caps = api.provider.capabilities;
  const agents = useQuery(conversationQueries.agents(api)).data ?? noAgents;
  const context: ControlContext = {
    caps,
    agents,
    seenLabels: useCachedList(filters, seenLabels).data ?? noLabels,
  };
  const control = (d: AnyFilterDescriptor) => (
    <ControlFor
      key={d.key}
      descriptor={d}
      value={valueOf(d, filters)}
      context={context}
      onChange={(value) => onChange({ ...filters, [d.field]: value })}
    />
  );

  return (
    <section
      id={id}
      aria-label="Filters"
      className="flex flex-wrap gap-x-8 gap-y-4 border-b border-line bg-surface-muted px-4 py-3"
    >
      {blocksFor(caps).map(({ group, members }) =>
        !group ? (
          members.map(control)
        ) : group.legend ? (
          <fieldset key={members[0]?.key} className="flex flex-col gap-2">
            <legend className={legendClass}>{group.legend}</legend>
            {members.map(control)}
          </fieldset>
        ) : (
          <div key={members[0]?.key} className="flex flex-col gap-3">
            {members.map(control)}
          </div>
        ),
      )}
    </section>
  );
}

interface ControlProps {
  descriptor: AnyFilterDescriptor;
  /** The filter's value, of the type its field holds. */
  value: never;
  context: ControlContext;
  onChange: (value: unknown) => void;
}

/** One filter's control, drawn from its descriptor's `control`. */
function ControlFor({ descriptor: d, value, context, onChange }: ControlProps): ReactNode {
  const c = d.control;
  switch (c?.kind) {
    case 'checkboxes': {
      const selected: readonly string[] = value;
      return (
        <CheckboxGroup
          legend={c.legend}
          options={c.options(context, selected)}
          selected={selected}
          onChange={onChange}
          single={c.single?.(context.caps)}
          find={c.find}
        />
      );
    }
    case 'radios':
      return (
        <fieldset>
          <legend className={legendClass}>{c.legend}</legend>
          {c.options.map((option) => (
            <label key={option.value} className="mr-3 text-sm">
              <input
                type="radio"
                name={d.key}
                className="mr-1"
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      );
    case 'select':
      return (
        <label className="text-sm">
          {c.label}{' '}
          <select
            className={field}
            value={value ?? ''}
            onChange={(e) => onChange(e.target.value || null)}
          >
            <option value="">Any</option>
            {c.options(context.caps).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'checkbox':
      return (
        <label className="text-sm">
          <input
            type="checkbox"
            className="mr-1"
            checked={value}
            onChange={(e) => onChange(e.target.checked)}
          />
          {c.label}
        </label>
      );
    case 'text':
      return (
        <label className="text-sm">
          {c.label}{' '}
          <input
            type={c.type}
            className={field}
            value={value ?? ''}
            onChange={(e) => onChange(e.target.value.trim() || null)}
          />
        </label>
      );
    default:
      return null;
  }
}
