import { useId } from 'react';
import { setTheme, themeChoices, useTheme, type ThemeChoice } from './theme.ts';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System / Light / Dark as a radio group: what the header's Display menu holds. */
export function ThemeChoices() {
  const theme = useTheme();
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-semibold">Theme</legend>
      {themeChoices.map((choice) => (
        <label
          key={choice}
          className="flex min-h-9 cursor-pointer items-center gap-2 rounded px-2 hover:bg-surface-hover max-md:min-h-11"
        >
          <input
            type="radio"
            name={name}
            value={choice}
            checked={theme === choice}
            onChange={() => setTheme(choice)}
          />
          {labels[choice]}
        </label>
      ))}
    </fieldset>
  );
}
