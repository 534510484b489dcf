import { useDensity } from '../../ui/density.ts';
import { smallScreen, useMediaQuery } from '../../ui/use-media-query.ts';

/**
 * Whether rows are compact (one line each): the agent's choice of density, except on a
 * phone, where one line cannot hold both a name and a preview worth reading.
 */
export function useCompact(): boolean {
  const narrow = useMediaQuery(smallScreen);
  return useDensity() === 'compact' && !narrow;
}
