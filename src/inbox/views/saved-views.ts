/**
 * The agent's own views: a name and a canonical search string, kept in localStorage
 * (views are personal and must survive a restart; the server keeps no user state).
 */
import { createExternalStore, useExternalStore } from '../../ui/external-store.ts';

export interface SavedView {
  id: string;
  name: string;
  /** Canonical search string, e.g. `?assignee=me&read=unread`. */
  search: string;
}

const storageKey = 'parley.views';
/** On the server (the first paint) there is no storage: no saved views. */
const none: SavedView[] = [];
const noViews = () => none;

function isSavedView(value: unknown): value is SavedView {
  const v = value as Partial<SavedView> | null;
  return typeof v?.id === 'string' && typeof v.name === 'string' && typeof v.search === 'string';
}

function readStorage(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

const views = createExternalStore(readStorage, (set) => {
  // Another tab saving a view updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey) set(readStorage());
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
});

function write(next: SavedView[]): void {
  views.set(next);
  localStorage.setItem(storageKey, JSON.stringify(next));
}

export const savedViews = {
  add(name: string, search: string): void {
    write([...views.get(), { id: crypto.randomUUID(), name, search }]);
  },
  rename(id: string, name: string): void {
    write(views.get().map((v) => (v.id === id ? { ...v, name } : v)));
  },
  remove(id: string): void {
    write(views.get().filter((v) => v.id !== id));
  },
};

export function useSavedViews(): SavedView[] {
  return useExternalStore(views, noViews);
}
