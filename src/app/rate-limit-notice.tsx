import { useEffect, useState } from 'react';

/** Short waits are not worth a message: the agent would read it after it had passed. */
const SHOWN_FROM_MS = 1000;

/** The wait, counted down (shell.tsx shows it while the rate limit holds requests back). */
export function Countdown({ label, until }: { label: string; until: number }) {
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
