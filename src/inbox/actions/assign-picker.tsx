import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { defaultFilters, type Agent } from '../../api/model.ts';
import { conversationQueries } from '../../api/queries.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import type { BulkTarget } from './use-bulk-run.ts';

/** One choice of the picker: an agent's id, or null for nobody. */
interface Choice {
  value: string | null;
  label: string;
  /** Words the type-ahead also matches (an email, "me", "nobody"). */
  also: string;
}

/** "Me" first, the other agents by name, "Unassigned" last. */
export function assignChoices(agents: readonly Agent[], meId: string | null): Choice[] {
  const me = meId === null ? undefined : agents.find((a) => a.id === meId);
  const others = agents
    .filter((a) => a.id !== meId)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((a) => ({ value: a.id, label: a.name, also: a.email ?? '' }));
  return [
    ...(meId === null ? [] : [{ value: meId, label: me ? `Me (${me.name})` : 'Me', also: 'me' }]),
    ...others,
    { value: null, label: 'Unassigned', also: 'nobody none unassign' },
  ];
}

/** The choices whose name (or email, or word) holds every word typed, in order of the list. */
export function matchingChoices(choices: readonly Choice[], typed: string): Choice[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...choices];
  return choices.filter((choice) => {
    const text = `${choice.label} ${choice.also}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export interface AssignPickerProps {
  /** What it assigns: one conversation, the selected ones, or every matching one. */
  target: BulkTarget;
  onPick: (assignee: string | null) => void;
  onClose: () => void;
}

/** What the picker says of its target: a title, the assignee they share, whose contact moves. */
function describeTarget(target: BulkTarget, movesContacts: boolean) {
  if (target.kind === 'matching') {
    return { title: 'Assign every matching conversation', current: undefined, contact: null };
  }
  const [only, ...others] = target.conversations;
  if (others.length > 0 || !only) {
    const shared = target.conversations.every((c) => c.assigneeId === only?.assigneeId);
    return {
      title: `Assign ${target.conversations.length.toLocaleString('en')} conversations`,
      current: shared ? only?.assigneeId : undefined,
      contact: null,
    };
  }
  return {
    title: `Assign the conversation with ${only.contactName}`,
    current: only.assigneeId,
    contact:
      movesContacts && only.contactId !== null
        ? { id: only.contactId, name: only.contactName }
        : null,
  };
}

/**
 * Choose an assignee: a combobox with type-ahead over the agent directory and a listbox of
 * choices ("Me" first, "Unassigned" last), in a modal dialog. Arrow keys move, Enter picks,
 * Esc closes; the active choice is announced through aria-activedescendant while focus
 * stays in the text field. Where assigning assigns the contact (HighLevel), it says how
 * many other conversations move with the one assigned.
 */
export function AssignPicker({ target, onPick, onClose }: AssignPickerProps) {
  const api = useApi();
  const movesContacts = api.provider.capabilities.assignMovesContact;
  const { title, current, contact } = describeTarget(target, movesContacts);
  const agents = useQuery(conversationQueries.agents(api));
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const noteId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const shown = matchingChoices(assignChoices(agents.data ?? [], api.meId), typed);
  const at = Math.min(active, Math.max(shown.length - 1, 0));

  // How many conversations the contact has: each moves with this one.
  const siblings = useQuery({
    ...conversationQueries.count(api, { ...defaultFilters, contact: contact?.id ?? null }),
    enabled: contact !== null,
  });
  const others = siblings.data === undefined ? 0 : siblings.data - 1;

  const pick = (choice: Choice | undefined) => {
    if (!choice) return;
    onPick(choice.value);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    if (event.key === 'ArrowDown') setActive(at >= last ? 0 : at + 1);
    else if (event.key === 'ArrowUp') setActive(at <= 0 ? last : at - 1);
    else if (event.key === 'Home' && event.ctrlKey) setActive(0);
    else if (event.key === 'End' && event.ctrlKey) setActive(last);
    else if (event.key === 'Enter') pick(shown[at]);
    else return;
    event.preventDefault();
  };

  return (
    <ModalDialog title={title} onClose={onClose} closeLabel="Cancel" initialFocus={inputRef}>
      <label htmlFor={`${listId}-input`} className="mb-1 block text-sm font-medium">
        Assign to
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length > 0 ? optionId(at) : undefined}
        aria-describedby={noteId}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a name"
        value={typed}
        onChange={(event) => {
          setTyped(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-line-strong bg-surface px-3 py-2 text-sm"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Agents"
        className="mt-2 max-h-64 overflow-y-auto rounded-md border border-line"
      >
        {shown.map((choice, index) => (
          <li
            key={choice.value ?? ''}
            id={optionId(index)}
            role="option"
            aria-selected={index === at}
            // The text field keeps focus; a click must not take it away first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(choice)}
            onMouseMove={() => index !== at && setActive(index)}
            className={`flex cursor-pointer items-center justify-between px-3 py-2 text-sm max-md:min-h-11 ${
              index === at ? 'bg-accent-soft text-on-accent-soft' : 'text-ink'
            } ${choice.value === null ? 'border-t border-line' : ''}`}
          >
            <span>{choice.label}</span>
            {current !== undefined && choice.value === current ? (
              <span className="text-xs text-ink-muted"> (current)</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div id={noteId} className="mt-2 text-sm text-ink-muted">
        {agents.isPending ? <p role="status">Loading the agents…</p> : null}
        {agents.isError ? (
          <p role="alert" className="text-danger">
            Could not load the agents: only Unassigned can be chosen.
          </p>
        ) : null}
        {shown.length === 0 ? <p role="status">No agent matches “{typed}”.</p> : null}
        {contact !== null && others > 0 ? (
          <p role="status">
            Assigning here assigns the contact: {others.toLocaleString('en')} other conversation
            {others === 1 ? '' : 's'} of {contact.name} move{others === 1 ? 's' : ''} too.
          </p>
        ) : null}
        {movesContacts && contact === null ? (
          <p>Assigning here assigns contacts: their other conversations move too.</p>
        ) : null}
      </div>
    </ModalDialog>
  );
}
