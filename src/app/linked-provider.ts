import {
  readEmbeddedParleyConfig,
  readLinkedProvider,
  settingsForLink,
  settingsStore,
} from '../api/connection.ts';
import { showToast } from '../ui/toaster.tsx';

/**
 * Before anything renders or asks: a link that names its API (`?provider=exante`, made by
 * Copy link) opens on that API, and the parameter leaves the address bar, so the view's
 * URL is what the inbox reads. What cannot be followed is said, not silently ignored.
 */
export function adoptLinkedProvider(): void {
  const { pathname, search, hash } = window.location;
  const { named, provider, rest } = readLinkedProvider(search);
  if (named === null) return;
  window.history.replaceState(window.history.state, '', `${pathname}${rest}${hash}`);
  if (provider === null) {
    showToast(`This link names an API Parley does not know (“${named}”).`, 'error');
    return;
  }
  const next = settingsForLink(settingsStore.get(), provider, readEmbeddedParleyConfig());
  if ('refused' in next) showToast(next.refused, 'error');
  else if (next !== settingsStore.get()) settingsStore.set(next);
}
