import { onlineManager } from '@tanstack/react-query';
import { createExternalStore, useExternalStore } from '../../ui/external-store.ts';

const isOnline = () => onlineManager.isOnline();
const online = createExternalStore(isOnline, (set) => {
  set(isOnline());
  return onlineManager.subscribe(set);
});
const onServer = () => true;

/** Whether the browser says it is online: the same signal that pauses queries. */
export function useOnline(): boolean {
  return useExternalStore(online, onServer);
}
