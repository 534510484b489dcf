import { useId } from 'react';

/**
 * Names a view: saving the one on screen, or renaming a saved one. `onDone` gets the name,
 * trimmed, or null when the agent left it blank.
 */
export function ViewNameForm({
  label,
  defaultValue,
  onDone,
  className,
}: {
  label: string;
  defaultValue?: string;
  onDone: (name: string | null) => void;
  className: { input: string; submit: string };
}) {
  const id = useId();
  return (
    <form
      className="flex gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        const name = new FormData(event.currentTarget).get('name');
        onDone(typeof name === 'string' && name.trim() !== '' ? name.trim() : null);
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name="name"
        defaultValue={defaultValue}
        autoFocus
        placeholder={defaultValue === undefined ? label : undefined}
        className={className.input}
      />
      <button type="submit" className={className.submit}>
        Save
      </button>
    </form>
  );
}
