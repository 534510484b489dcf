import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RateGate } from '../api/rate-gate.ts';

/** Short waits are not worth a message: the agent would read it after it had passed. */
const SHOWN_FROM_MS = 1000;

/**
 * While the API's rate limit holds requests back, says so and for how long; they go out by
 * themselves when it frees (decision 0013), so there is nothing to press.
 */
export function RateLimitNotice({ gate }: { gate: RateGate }) {
  const until = useSyncExternalStore(gate.subscribe, gate.waitingUntil, () => 0);
  if (until === 0) return null;
  // A new wait starts a new countdown, read from the clock when it mounts.
  return <Countdown key={until} label={gate.label} until={until} />;
}

function Countdown({ label, until }: { label: string; until: number }) {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = until - now;
  if (until - start < SHOWN_FROM_MS || left <= 0) return null;
  return (
    <p
      role="status"
      className="border-b border-warning-line bg-warning-soft px-4 py-2 text-sm text-on-warning-soft"
    >
      Waiting for {label}&rsquo;s rate limit ({Math.ceil(left / 1000)} s). Your view resumes by
      itself.
    </p>
  );
}
