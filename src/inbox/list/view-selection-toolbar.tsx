import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { InboxFilters } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { SelectionToolbar } from '../deferred-parts.tsx';

/**
 * The selection toolbar, offering "all N matching" with the view's count as last asked:
 * it follows bulk actions and other agents' changes (both ask the counts anew), where the
 * loaded pages' total is as old as the list.
 */
export function ViewSelectionToolbar({
  filters,
  loadedTotal,
  ...props
}: Omit<ComponentProps<typeof SelectionToolbar>, 'total'> & {
  filters: InboxFilters;
  loadedTotal: number;
}) {
  const api = useApi();
  const count = useQuery(conversationQueries.count(api, filters));
  return <SelectionToolbar {...props} total={count.data ?? loadedTotal} />;
}
