const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'narrow' });
const full = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' });

// "3h ago" for every row with three hours: a list formats the same few phrases over and
// over, and Intl formatting is the dearest part of mounting a row.
const phrases = new Map<string, string>();
function phrase(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${value} ${unit}`;
  let text = phrases.get(key);
  if (text === undefined) {
    text = relative.format(value, unit);
    phrases.set(key, text);
  }
  return text;
}

export function formatRelative(iso: string, now: number): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return phrase(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/**
 * A relative time with the full date on hover, as a machine-readable <time>. The full date
 * is formatted when the pointer first reaches it: formatting it for every row a list
 * mounts cost more than the rest of the cell.
 */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <time
      dateTime={iso}
      onPointerEnter={(event) => {
        event.currentTarget.title = full.format(new Date(iso));
      }}
    >
      {formatRelative(iso, now)}
    </time>
  );
}
