// The deferred parts' chunk: imported only through ./deferred-parts.tsx.
export { AssignPicker } from './actions/assign-picker.tsx';
export { BulkRunPanel } from './actions/bulk-run-panel.tsx';
export { applyEach, collectMatching, undoPatch, unlessApplied } from './actions/bulk-run.ts';
export { SelectionToolbar } from './actions/selection-toolbar.tsx';
export { FilterPanel } from './filters/filter-panel.tsx';
export { ShortcutHelp } from './keyboard/shortcut-help.tsx';
export { ModalDialog } from '../ui/modal-dialog.tsx';
export { ListGaps, RefreshFailed } from './list/list-notices.tsx';
export { SavedViewItem } from './views/saved-view-item.tsx';
export { ViewNameForm } from './views/view-name-form.tsx';
