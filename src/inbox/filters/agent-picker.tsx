import { useId, useState } from 'react';
import type { Agent } from '../../api/model.ts';

interface Props {
  legend: string;
  agents: Agent[];
  selected: string[];
  onChange: (next: string[]) => void;
  /** One agent at a time (Exante's agent_uid) instead of many. */
  single?: boolean;
  /** Extra choices shown first, e.g. Me and Unassigned. */
  specials?: { id: string; label: string }[];
}

/** Pick agents by name: a search box over the directory, checkboxes for the choice. */
export function AgentPicker({
  legend,
  agents,
  selected,
  onChange,
  single = false,
  specials = [],
}: Props) {
  const [text, setText] = useState('');
  const searchId = useId();
  const needle = text.trim().toLowerCase();
  const options = [...specials, ...agents.map((a) => ({ id: a.id, label: a.name }))].filter(
    (o) => needle === '' || o.label.toLowerCase().includes(needle),
  );

  const toggle = (id: string, on: boolean) => {
    if (single) onChange(on ? [id] : []);
    else onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  };

  return (
    <fieldset className="min-w-52">
      <legend className="mb-1 text-sm font-semibold text-ink">{legend}</legend>
      <label htmlFor={searchId} className="sr-only">
        Find {legend.toLowerCase()} by name
      </label>
      <input
        id={searchId}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Find by name"
        className="mb-1 w-full rounded border border-line-strong px-2 py-1 text-sm"
      />
      <ul className="max-h-40 overflow-y-auto text-sm">
        {options.map((option) => (
          <li key={option.id}>
            <label className="flex items-center gap-2 py-0.5">
              <input
                type="checkbox"
                checked={selected.includes(option.id)}
                onChange={(e) => toggle(option.id, e.target.checked)}
              />
              {option.label}
            </label>
          </li>
        ))}
        {options.length === 0 ? (
          <li className="text-ink-muted">No agent matches “{text}”.</li>
        ) : null}
      </ul>
    </fieldset>
  );
}
