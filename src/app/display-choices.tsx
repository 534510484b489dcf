import { ChoiceGroup } from '../ui/choice-group.tsx';
import { densities, setDensity, useDensity } from '../ui/density.ts';
import { setTheme, themeChoices, useTheme } from '../ui/theme/theme.ts';

/** What the Display menu offers: the theme and the list's density. */
export function DisplayChoices() {
  return (
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
  );
}
