/**
 * Time an agent can triage by: exact and short, one format everywhere, in the agent's own
 * time zone and locale (the platform's Intl; no date library). Today it is the time
 * ("11:58 AM"), within the last six days the weekday ("Tue"), this year the day ("Nov 1"),
 * before that the day and year ("Nov 1, 2025"); the full date and time on hover.
 */

export interface TimeSettings {
  /** BCP 47 locale; the agent's own when absent. */
  locale?: string;
  /** IANA time zone; the agent's own when absent. */
  timeZone?: string;
}

interface Formats {
  time: Intl.DateTimeFormat;
  weekday: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  dayAndYear: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
  /** The calendar day, as a key: "2026-11-21". */
  calendarDay: Intl.DateTimeFormat;
}

const formats = new Map<string, Formats>();

function formatsFor({ locale, timeZone }: TimeSettings): Formats {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let found = formats.get(key);
  if (!found) {
    const make = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone, ...options });
    found = {
      time: make({ hour: 'numeric', minute: '2-digit' }),
      weekday: make({ weekday: 'short' }),
      day: make({ month: 'short', day: 'numeric' }),
      dayAndYear: make({ month: 'short', day: 'numeric', year: 'numeric' }),
      full: make({ dateStyle: 'full', timeStyle: 'short' }),
      calendarDay: new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
    };
    formats.set(key, found);
  }
  return found;
}

const DAY_MS = 86_400_000;

/** Whole calendar days between two instants, in the time zone (0: the same day). */
function daysBetween(at: number, now: number, f: Formats): number {
  const day = (ms: number) => Date.parse(`${f.calendarDay.format(ms)}T00:00:00Z`);
  return Math.round((day(now) - day(at)) / DAY_MS);
}

// A list formats the same few stamps over and over (every row of a day shows its time, of
// an older day its date): format each once. Keyed by the minute, so "today" stays right.
const stamps = new Map<string, string>();

/** The short stamp for `iso` as seen at `now`. */
export function formatStamp(iso: string, now: number, settings: TimeSettings = {}): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const f = formatsFor(settings);
  const days = daysBetween(at, now, f);
  // A time slightly ahead of this clock (another machine's) is today's.
  const kind =
    days <= 0 ? 'time' : days < 7 ? 'weekday' : sameYear(at, now, f) ? 'day' : 'dayAndYear';
  const key = `${settings.locale ?? ''}|${settings.timeZone ?? ''}|${kind}|${Math.floor(at / 60_000)}`;
  let text = stamps.get(key);
  if (text === undefined) {
    text = f[kind].format(at);
    if (stamps.size > 5000) stamps.clear();
    stamps.set(key, text);
  }
  return text;
}

function sameYear(at: number, now: number, f: Formats): boolean {
  return f.calendarDay.format(at).slice(0, 4) === f.calendarDay.format(now).slice(0, 4);
}

/** The full date and time, for a title or a screen reader. */
export function formatFull(iso: string, settings: TimeSettings = {}): string {
  return formatsFor(settings).full.format(Date.parse(iso));
}

/**
 * A stamp as a machine-readable <time>, with the full date and time on hover. The full
 * date is formatted when the pointer first reaches it: formatting it for every row a list
 * mounts cost more than the rest of the cell.
 */
export function Timestamp({
  iso,
  now,
  className,
  waiting = false,
}: {
  iso: string;
  now: number;
  className?: string;
  /** The customer wrote last: the hover says how long they have been waiting. */
  waiting?: boolean;
}) {
  return (
    <time
      dateTime={iso}
      className={className}
      onPointerEnter={(event) => {
        event.currentTarget.title = `${waiting ? 'Waiting since ' : ''}${formatFull(iso)}`;
      }}
    >
      {formatStamp(iso, now)}
    </time>
  );
}
