import { useId } from 'react';

/** A few named choices as a radio group: one legend, native arrow keys between them. */
export function ChoiceGroup<T extends string>({
  legend,
  choices,
  labels,
  value,
  onChange,
}: {
  legend: string;
  choices: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (choice: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-semibold">{legend}</legend>
      {choices.map((choice) => (
        <label
          key={choice}
          className="flex min-h-9 cursor-pointer items-center gap-2 rounded px-2 hover:bg-surface-hover max-md:min-h-11"
        >
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          {labels[choice]}
        </label>
      ))}
    </fieldset>
  );
}
