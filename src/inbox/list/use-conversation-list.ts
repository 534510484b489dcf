import { useInfiniteQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { describeRetry } from '../../api/read-retries.ts';
import type {
  Agent,
  Conversation,
  ConversationPatch,
  InboxFilters,
  Lifecycle,
} from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { showToast } from '../../ui/toaster.tsx';
import { smallScreen, useMediaQuery } from '../../ui/use-media-query.ts';
import { useNow } from '../../ui/use-now.ts';
import { useWidth } from '../../ui/use-width.ts';
import type { AssignPickerProps } from '../actions/assign-picker.tsx';
import { starPatch, useBulkUpdate, type BulkTarget } from '../actions/use-bulk-update.ts';
import { useUpdateConversation } from '../actions/use-update-conversation.ts';
import { preloadDeferredParts } from '../deferred-parts.tsx';
import { matchesFilters } from '../filters/matches-filters.ts';
import { useCommands } from '../keyboard/use-shortcuts.ts';
import { movedRows } from '../live/out-of-order.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { columnsFor, gridTemplate, listFeatures } from './columns.tsx';
import { conversationPath } from './conversation-link.tsx';
import type { ListContextValue } from './list-context.tsx';
import { selectListData } from '../cache/list-data.ts';
import { selectRange, toggleOne } from './selection-range.ts';
import { useListSelection } from './use-list-selection.ts';
import { useCompact } from './use-compact.ts';
import { useRovingFocus } from './use-roving-focus.ts';

const noRows: Conversation[] = [];

/** The assignee picker, open on these conversations. */
type PickerRequest = Pick<AssignPickerProps, 'target'>;

/** Why `e` does nothing on an API without a status to set. */
const noLifecycle =
  'This API’s conversations have no status to close or archive: `e` is not offered here.';

export interface ListProps {
  filters: InboxFilters;
  /** The conversation open in the reading pane. */
  selectedId: string | null;
  /** The view's canonical search string. */
  search: string;
  /** The agent directory; null while it loads. */
  agents: ReadonlyMap<string, Agent> | null;
}

/**
 * The list's width before it is measured: the window's, less the views rail and the
 * reading pane beside it (views-rail.tsx, reading-pane.tsx); the server's first paint has
 * no window.
 */
function estimatedWidth(narrow: boolean, paneOpen: boolean): number {
  if (typeof window === 'undefined') return 1200;
  const width = window.innerWidth;
  if (narrow) return width;
  const rail = paneOpen && width < 1100 ? 0 : 224;
  const pane = paneOpen ? (width < 1280 ? 352 : 448) : 0;
  return width - rail - pane;
}

/**
 * The list's controller: its query, table, selection, roving focus and keyboard
 * commands. The components in this folder render what it returns and hold no state.
 */
export function useConversationList({ filters, selectedId, search, agents }: ListProps) {
  const api = useApi();
  const caps = api.provider.capabilities;
  const navigate = useNavigate();
  const list = useInfiniteQuery({
    ...conversationQueries.list(api, filters),
    select: selectListData,
  });
  const { toggle } = useUpdateConversation();
  const { apply: applyBulk, bulk } = useBulkUpdate();

  const rows = list.data?.rows ?? noRows;
  const shownIds = useMemo(
    () => (list.data ? new Set(rows.map((row) => row.id)) : null),
    [list.data, rows],
  );
  /** A row that no longer matches the view: it stays, labelled, until the view reloads. */
  const outOfView = useCallback(
    (c: Conversation) => matchesFilters(c, filters, api.meId) === false,
    [filters, api.meId],
  );
  const live = useLiveView(filters, shownIds, outOfView);
  const narrow = useMediaQuery(smallScreen);
  const [gridRef, measured] = useWidth();
  const listPx = measured ?? estimatedWidth(narrow, selectedId !== null);
  const { columns, folded } = useMemo(() => columnsFor(caps, listPx), [caps, listPx]);

  const selection = useListSelection(search);
  const table = useTable({
    features: listFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection: selection.rowSelection },
    onRowSelectionChange: selection.onRowSelectionChange,
    // Ranges go through selectRange, one rule for Shift+click and Shift+j/k.
    enableRowRangeSelection: false,
  });
  const template = gridTemplate(
    table.getAllLeafColumns().map((c) => ({ id: c.id, size: c.getSize() })),
  );
  // One style object per column layout, so memoized rows see an unchanged prop.
  const gridStyle = useMemo<CSSProperties>(() => ({ gridTemplateColumns: template }), [template]);
  const selectedRows = table.getSelectedRowModel().rows.map((row) => row.original);
  const clearSelection = () => table.resetRowSelection(true);

  const focus = useRovingFocus(rows, selectedId);
  const { focusedRow } = focus;
  /** Where Shift ranges start: the row last toggled, or where a Shift move began. */
  const anchor = useRef<string | null>(null);
  // The rows and table as of the last commit, for `select`: every write makes a new rows
  // array (and table object), and a `select` made anew with them would change the rows'
  // context and so re-render every mounted cell for each write of a bulk run.
  const latest = useRef({ rows, table });
  useLayoutEffect(() => {
    latest.current = { rows, table };
  });
  const select = useCallback((id: string, { extend }: { extend: boolean }) => {
    const { rows: shown, table: current } = latest.current;
    if (extend) {
      current.setRowSelection((selection) =>
        selectRange(
          shown.map((row) => row.id),
          anchor.current,
          id,
          selection,
        ),
      );
    } else {
      anchor.current = id;
      current.setRowSelection((selection) => toggleOne(selection, id));
    }
  }, []);

  const open = useCallback(
    (id: string) => void navigate(conversationPath(id, search)),
    [navigate, search],
  );

  // The assignee picker: which conversations it assigns (it words the rest itself).
  const [picker, setPicker] = useState<PickerRequest | null>(null);
  const openPicker = useCallback((target: BulkTarget) => {
    if (target.kind === 'matching' || target.conversations.length > 0) setPicker({ target });
  }, []);
  const closePicker = useCallback(() => setPicker(null), []);

  const now = useNow();
  const compact = useCompact();
  const draftOwner = useMemo(() => ({ scope: api.scope, agent: api.meId }), [api]);
  const context = useMemo<ListContextValue>(
    () => ({
      agents,
      search,
      open,
      now,
      toggleStar: (c) => toggle(c.id, 'starred'),
      select,
      outOfView,
      assign: caps.assign ? (c) => openPicker({ kind: 'loaded', conversations: [c] }) : null,
      setLifecycle:
        caps.lifecycleWrites.length > 0
          ? (c, lifecycle) => applyBulk({ kind: 'loaded', conversations: [c] }, { lifecycle })
          : null,
      draftOwner: caps.reply ? draftOwner : null,
      folded,
      compact,
    }),
    [
      agents,
      search,
      open,
      now,
      toggle,
      select,
      outOfView,
      caps,
      openPicker,
      applyBulk,
      draftOwner,
      folded,
      compact,
    ],
  );

  /** Applies a change to the selection: every matching conversation, or the loaded rows. */
  const applyToSelection = (patch: ConversationPatch) => {
    if (selection.allMatching) {
      applyBulk({ kind: 'matching', filters }, patch);
      clearSelection();
    } else {
      applyBulk({ kind: 'loaded', conversations: selectedRows }, patch);
    }
  };
  /** Assigns what the picker was opened on (a whole view: the selection is done with). */
  const pickAssignee = (assignee: string | null) => {
    if (!picker) return;
    applyBulk(picker.target, { assignee });
    if (picker.target.kind === 'matching') clearSelection();
  };

  /** `e`: close them, or reopen them if every one is closed already. */
  const lifecyclePatch = (target: BulkTarget): { lifecycle: Lifecycle } =>
    target.kind === 'loaded' &&
    target.conversations.length > 0 &&
    target.conversations.every((c) => c.lifecycle === 'closed')
      ? { lifecycle: 'active' }
      : { lifecycle: 'closed' };

  /** What a key acts on: the selection (maybe every matching conversation), or else the focused row. */
  const targets = (): BulkTarget =>
    selection.allMatching
      ? { kind: 'matching', filters }
      : {
          kind: 'loaded',
          conversations: selectedRows.length > 0 ? selectedRows : focusedRow ? [focusedRow] : [],
        };

  useCommands({
    move: ({ by, extend }) => {
      if (!focusedRow) return;
      const to = Math.min(Math.max(focus.moveFrom + by, 0), rows.length - 1);
      const target = rows[to];
      if (extend && target) {
        const start = rows[Math.max(focus.moveFrom, 0)]?.id ?? target.id;
        if (!focus.has(anchor.current)) anchor.current = start;
        select(target.id, { extend: true });
      }
      focus.focusAt(to);
      // With the pane open it follows the focus, as in Gmail: one history entry, not one
      // per key, so Back still leaves the conversation.
      if (selectedId !== null && !extend && target && target.id !== selectedId) {
        void navigate(conversationPath(target.id, search), { replace: true });
      }
    },
    open: () => {
      if (!focusedRow) return;
      focus.takeFocus();
      open(focusedRow.id);
    },
    // Esc: close the pane (the list then focuses its row); else drop the selection.
    close: () => {
      if (selectedId !== null) void navigate({ pathname: '/', search });
      else clearSelection();
    },
    'toggle-select': () => {
      if (focusedRow) select(focusedRow.id, { extend: false });
    },
    star: () => {
      if (!focusedRow) return;
      if (!caps.star) {
        showToast('This API has no stars.');
        return;
      }
      const target = targets();
      applyBulk(
        target,
        target.kind === 'matching' ? { starred: true } : starPatch(target.conversations),
      );
    },
    mark: ({ read }) => {
      if (focusedRow) applyBulk(targets(), { read });
    },
    assign: () => {
      if (!focusedRow) return;
      if (!caps.assign) showToast('This API cannot assign conversations.');
      else openPicker(targets());
    },
    lifecycle: () => {
      if (!focusedRow) return;
      if (!caps.lifecycleWrites.includes('closed')) {
        showToast(noLifecycle);
        return;
      }
      const target = targets();
      applyBulk(target, lifecyclePatch(target));
    },
    // With no conversation open (the reading pane handles `r` while it is), open the
    // focused one ready to answer.
    reply: () => {
      if (!focusedRow) return;
      focus.takeFocus();
      void navigate(conversationPath(focusedRow.id, search), { state: { reply: true } });
    },
  });

  // Rows a reply (or another agent) made newer than the row above: the pill offers them.
  const moved = useMemo(
    () => movedRows(rows, filters.sort, outOfView),
    [rows, filters.sort, outOfView],
  );

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  // The window calls this whenever its rows near the end: one page at a time, and not
  // again after a failure until the agent presses Retry.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  // The first rows are on screen: fetch the code of what the agent may reach for next.
  const hasRows = rows.length > 0;
  const { provider } = api;
  useEffect(() => {
    if (!hasRows) return;
    preloadDeferredParts();
    provider.prepare?.();
  }, [hasRows, provider]);

  return {
    list,
    rows,
    table,
    gridRef,
    gridStyle,
    context,
    selectedRows,
    allMatching: selection.allMatching,
    selectAllMatching: () => selection.selectAllMatching(rows),
    clearSelection,
    applyToSelection,
    /** Opens the picker on the selection (every matching conversation, or the loaded rows). */
    assignSelection: () =>
      openPicker(
        selection.allMatching
          ? { kind: 'matching', filters }
          : { kind: 'loaded', conversations: selectedRows },
      ),
    picker,
    pickAssignee,
    closePicker,
    moved,
    bulk,
    focus,
    live,
    showNew: () => {
      live.showNew();
      focus.revealTop();
    },
    loadMore,
    // While a read is retried, say why it is taking longer (a 429's wait, a 5xx).
    retrying: list.failureCount > 0 ? describeRetry(list.failureReason) : null,
  };
}

export type ListController = ReturnType<typeof useConversationList>;
