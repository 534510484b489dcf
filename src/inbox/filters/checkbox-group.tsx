import { useId, useState } from 'react';
import type { Option } from './filter-registry.ts';

interface Props {
  legend: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  /** One value at a time (Exante's agent_uid) instead of many. */
  single?: boolean;
  /** What the options are (`agent`): adds a box to find them by name. */
  find?: string;
}

/** A filter's values as checkboxes: the one group every list filter of the panel uses. */
export function CheckboxGroup({
  legend,
  options,
  selected,
  onChange,
  single = false,
  find,
}: Props) {
  const [text, setText] = useState('');
  const searchId = useId();
  const needle = text.trim().toLowerCase();
  const shown =
    needle === '' ? options : options.filter((o) => o.label.toLowerCase().includes(needle));

  const toggle = (value: string, on: boolean) => {
    if (single) onChange(on ? [value] : []);
    else onChange(on ? [...selected, value] : selected.filter((s) => s !== value));
  };

  return (
    <fieldset className={find ? 'min-w-52' : undefined}>
      <legend className="mb-1 text-sm font-semibold text-ink">{legend}</legend>
      {find ? (
        <>
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
        </>
      ) : null}
      <ul className="max-h-40 overflow-y-auto text-sm">
        {shown.map((option) => (
          <li key={option.value}>
            <label className="flex items-center gap-2 py-0.5">
              <input
                type="checkbox"
                checked={selected.includes(option.value)}
                onChange={(e) => toggle(option.value, e.target.checked)}
              />
              {option.label}
            </label>
          </li>
        ))}
        {find && shown.length === 0 ? (
          <li className="text-ink-muted">
            No {find} matches “{text}”.
          </li>
        ) : null}
      </ul>
    </fieldset>
  );
}
