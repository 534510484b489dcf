import { useId } from 'react';
import { ChoiceGroup } from '../ui/choice-group.tsx';
import { densities, setDensity, useDensity } from '../ui/density.ts';
import { setTheme, themeChoices, useTheme } from '../ui/theme/theme.ts';

/**
 * The header's Display menu (theme and density), in a native popover: the browser gives
 * it Escape, a click outside to close, and the top layer; the header's room goes to who
 * is signed in and what is connected.
 */
export function DisplayMenu() {
  const id = useId();
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        className="flex items-center rounded px-2 py-1 hover:underline max-md:min-h-11"
      >
        Display
      </button>
      <div
        id={id}
        popover="auto"
        // No display class here: it would override the browser's hiding of a closed popover.
        className="inset-auto top-12 right-4 m-0 rounded-lg border border-line bg-surface p-3 text-sm text-ink shadow-lg"
      >
        <div className="flex gap-6">
          <ChoiceGroup
            legend="Theme"
            choices={themeChoices}
            labels={{ system: 'System', light: 'Light', dark: 'Dark' }}
            value={useTheme()}
            onChange={setTheme}
          />
          <ChoiceGroup
            legend="Density"
            choices={densities}
            labels={{ comfortable: 'Comfortable', compact: 'Compact' }}
            value={useDensity()}
            onChange={setDensity}
          />
        </div>
      </div>
    </>
  );
}
