import { useIsMutating } from '@tanstack/react-query';
import { useEffect } from 'react';
import { conversationWriteKey } from './use-update-conversation.ts';

/**
 * While a star or read change is on its way, closing or reloading the tab asks first:
 * the write would otherwise be dropped without the agent knowing (decision 0007).
 */
export function useWarnBeforeUnload(): void {
  const writing = useIsMutating({ mutationKey: conversationWriteKey }) > 0;
  useEffect(() => {
    if (!writing) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [writing]);
}
