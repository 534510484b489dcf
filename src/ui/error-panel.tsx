import type { ReactNode } from 'react';

/** A failed load or a crashed region: what failed, why, and a way forward. */
export function ErrorPanel({
  title,
  detail,
  onRetry,
  back,
}: {
  title: string;
  detail: string;
  onRetry: () => void;
  /** A second way forward that does not depend on what failed, e.g. a link to the inbox. */
  back?: ReactNode;
}) {
  return (
    <div
      role="alert"
      className="m-6 rounded-lg border border-danger-line bg-danger-soft p-4 text-on-danger-soft"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{detail}</p>
      <div className="mt-3 flex items-center gap-4 text-sm">
        <button
          type="button"
          className="rounded bg-danger-strong px-3 py-1.5 font-medium text-on-danger-strong"
          onClick={onRetry}
        >
          Try again
        </button>
        {back}
      </div>
    </div>
  );
}
