import { setTheme, themeChoices, useTheme, type ThemeChoice } from './theme.ts';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System / Light / Dark, as a labelled select: one control, native keyboard handling. */
export function ThemeSwitch({ className = '' }: { className?: string }) {
  const theme = useTheme();
  return (
    <label className={`flex items-center gap-2 text-sm ${className}`}>
      Theme
      <select
        value={theme}
        onChange={(event) => {
          const choice = themeChoices.find((c) => c === event.target.value);
          if (choice) setTheme(choice);
        }}
        className="min-h-8 max-md:min-h-11 rounded border border-line-strong bg-surface px-2 text-ink"
      >
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {labels[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
