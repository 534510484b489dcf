import { memo } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/client.ts';
import type { InboxFilters } from '../../api/model.ts';
import { ErrorPanel } from '../../ui/error-panel.tsx';
import {
  AssignPicker,
  BulkRunPanel,
  Deferred,
  ListGaps,
  RefreshFailed,
} from '../deferred-parts.tsx';
import { NewConversationsPill } from '../live/new-conversations-pill.tsx';
import { ListContext } from './list-context.tsx';
import { ListFooter } from './list-footer.tsx';
import { ListHeader } from './list-header.tsx';
import { EmptyView } from './list-states.tsx';
import { ListWindow } from './list-window.tsx';
import { useConversationList, type ListProps } from './use-conversation-list.ts';
import { ViewSelectionToolbar } from './view-selection-toolbar.tsx';

/**
 * The conversation list: what its controller (use-conversation-list.ts) holds, drawn.
 * Memoized: the inbox re-renders when a count or the agent directory arrives, and the list
 * (its table, its window of rows) need not follow unless its own props changed.
 */
export const ConversationList = memo(function ConversationList(
  props: ListProps & { onSort: (sort: InboxFilters['sort']) => void },
) {
  const c = useConversationList(props);
  const { list, rows, bulk, live, focus } = c;
  const api = useApi();
  const { star, assign, lifecycleWrites } = api.provider.capabilities;
  const nameOf = (id: string) => (id === api.meId ? 'you' : (props.agents?.get(id)?.name ?? id));

  if (list.isError && rows.length === 0) {
    return (
      <ErrorPanel
        title="Could not load conversations."
        detail={describeError(list.error)}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const gaps =
    list.data && (list.data.unreadable.length > 0 || list.data.gaps.length > 0) ? (
      <Deferred name="list notice">
        <ListGaps unreadable={list.data.unreadable} gaps={list.data.gaps} />
      </Deferred>
    ) : null;
  if (!list.isPending && rows.length === 0) {
    return (
      <>
        {gaps}
        <EmptyView filters={props.filters} agents={props.agents} />
      </>
    );
  }

  return (
    <ListContext value={c.context}>
      {list.isRefetchError ? (
        <Deferred name="list notice">
          <RefreshFailed error={list.error} onRetry={() => void list.refetch()} />
        </Deferred>
      ) : null}
      {gaps}
      {bulk.run ? (
        <Deferred name="bulk action panel">
          <BulkRunPanel
            run={bulk.run}
            nameOf={nameOf}
            onCancel={bulk.cancel}
            onUndo={() => void bulk.undo()}
            onDismiss={bulk.dismiss}
          />
        </Deferred>
      ) : null}
      {c.selectedRows.length > 0 ? (
        <Deferred name="selection toolbar">
          <ViewSelectionToolbar
            filters={props.filters}
            loadedTotal={list.data?.total ?? rows.length}
            count={c.selectedRows.length}
            allMatching={c.allMatching}
            onSelectAllMatching={c.selectAllMatching}
            canStar={star}
            lifecycleWrites={lifecycleWrites}
            onAssign={assign ? c.assignSelection : null}
            onApply={c.applyToSelection}
            onClear={c.clearSelection}
          />
        </Deferred>
      ) : null}
      <div className="relative flex min-h-0 flex-1 flex-col">
        <NewConversationsPill
          fresh={live.fresh}
          more={live.more}
          moved={c.moved}
          onShow={c.showNew}
        />
        <div
          ref={c.gridRef}
          role="grid"
          aria-label="Conversations"
          aria-multiselectable="true"
          aria-rowcount={list.data ? list.data.total + 1 : -1}
          className="flex min-h-0 flex-1 flex-col"
        >
          <ListHeader
            table={c.table}
            gridStyle={c.gridStyle}
            sort={props.filters.sort}
            onSort={props.onSort}
          />
          <ListWindow
            rows={c.table.getRowModel().rows}
            selectedId={props.selectedId}
            focusedId={focus.focusedRow?.id}
            focusOwned={focus.focusOwned}
            onFocusRow={focus.setFocusedId}
            reveal={focus.reveal}
            gridStyle={c.gridStyle}
            footer={<ListFooter list={list} retrying={c.retrying} count={rows.length} />}
            pending={list.isPending}
            onNearEnd={c.loadMore}
          />
        </div>
      </div>
      {c.picker ? (
        <Deferred name="assignee picker">
          <AssignPicker {...c.picker} onPick={c.pickAssignee} onClose={c.closePicker} />
        </Deferred>
      ) : null}
    </ListContext>
  );
});
