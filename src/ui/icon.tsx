import { createElement } from 'react';

/** A lucide icon's drawing: its SVG elements, as the `lucide` package exports each icon. */
type IconNode = readonly (readonly [string, Record<string, string | number | undefined>])[];

/**
 * An icon from lucide, drawn inline at the size its class sets. The package's icons are
 * plain data, one module each, so only the ones imported reach the bundle, without a
 * component library around them. Decorative: the control it sits in carries the name.
 */
export function Icon({
  icon,
  className,
  filled = false,
}: {
  icon: IconNode;
  className: string;
  /** Filled with the text colour (a starred star), not only outlined. */
  filled?: boolean;
}) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {icon.map(([tag, attributes], i) => createElement(tag, { key: i, ...attributes }))}
    </svg>
  );
}
