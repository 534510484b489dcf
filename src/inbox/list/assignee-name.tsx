import { useListContext } from './list-context.tsx';

/** An id the agent directory does not know is shown as such, never as a blank. */
export function AssigneeName({ id }: { id: string | null }) {
  const { agents } = useListContext();
  if (id === null) return <span className="text-sm text-ink-muted italic">Unassigned</span>;
  if (agents === null) {
    return (
      <span className="block text-sm text-ink-muted">
        <span aria-hidden="true">…</span>
        <span className="sr-only">Agent name loading</span>
      </span>
    );
  }
  const agent = agents.get(id);
  return (
    <span className="block truncate text-sm text-ink-muted" title={agent?.email ?? id}>
      {agent ? agent.name : `Unknown agent (${id})`}
    </span>
  );
}
