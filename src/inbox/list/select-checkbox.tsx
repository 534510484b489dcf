import { useEffect, useRef } from 'react';
import type { Conversation } from '../../api/model.ts';
import { useListContext } from './list-context.tsx';

const box = 'size-4 accent-accent-strong';

/** A row's checkbox; Shift+click extends the selection from the last one toggled. */
export function SelectRowCheckbox({
  conversation,
  selected,
}: {
  conversation: Conversation;
  selected: boolean;
}) {
  const { select } = useListContext();
  return (
    <label className="relative z-10 grid size-9 cursor-pointer place-items-center max-md:size-11">
      <input
        type="checkbox"
        className={box}
        checked={selected}
        aria-label={`Select ${conversation.contactName}`}
        // The row is the grid's one tab stop; `x` selects from the keyboard.
        tabIndex={-1}
        onChange={(event) => {
          const native = event.nativeEvent;
          select(conversation.id, { extend: 'shiftKey' in native && native.shiftKey === true });
        }}
      />
    </label>
  );
}

/** Selects every loaded row (not every matching one: the label says so). */
export function SelectAllCheckbox({
  all,
  some,
  onToggle,
}: {
  all: boolean;
  some: boolean;
  onToggle: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` exists only as a DOM property, not an attribute.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !all;
  }, [some, all]);
  return (
    <label className="grid size-9 cursor-pointer place-items-center max-md:size-11">
      <input
        ref={ref}
        type="checkbox"
        className={box}
        checked={all}
        aria-label="Select all loaded conversations"
        onChange={onToggle}
      />
    </label>
  );
}
