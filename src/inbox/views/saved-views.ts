/**
 * The agent's own views: a name and a canonical search string, kept in localStorage
 * (views are personal and must survive a restart; the server keeps no user state).
 */
import { useSyncExternalStore } from 'react';

export interface SavedView {
  id: string;
  name: string;
  /** Canonical search string, e.g. `?assignee=me&read=unread`. */
  search: string;
}

const storageKey = 'parley.views';
const listeners = new Set<() => void>();
let cache: SavedView[] | null = null;
/** On the server (the first paint) there is no storage: no saved views. */
const none: SavedView[] = [];
const noViews = () => none;

function isSavedView(value: unknown): value is SavedView {
  const v = value as Partial<SavedView> | null;
  return typeof v?.id === 'string' && typeof v.name === 'string' && typeof v.search === 'string';
}

function read(): SavedView[] {
  if (cache) return cache;
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    cache = Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    cache = [];
  }
  return cache;
}

function write(views: SavedView[]): void {
  cache = views;
  localStorage.setItem(storageKey, JSON.stringify(views));
  listeners.forEach((l) => l());
}

export const savedViews = {
  add(name: string, search: string): void {
    write([...read(), { id: crypto.randomUUID(), name, search }]);
  },
  rename(id: string, name: string): void {
    write(read().map((v) => (v.id === id ? { ...v, name } : v)));
  },
  remove(id: string): void {
    write(read().filter((v) => v.id !== id));
  },
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  // Another tab saving a view updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== storageKey) return;
    cache = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
};

export function useSavedViews(): SavedView[] {
  return useSyncExternalStore(subscribe, read, noViews);
}
