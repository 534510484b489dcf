/** A failed load: what failed, why, and a way forward. */
export function ErrorPanel({
  title,
  detail,
  onRetry,
}: {
  title: string;
  detail: string;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      className="m-6 rounded-lg border border-danger-line bg-danger-soft p-4 text-on-danger-soft"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{detail}</p>
      <button
        type="button"
        className="mt-3 rounded bg-danger-strong px-3 py-1.5 text-sm font-medium text-on-danger-strong"
        onClick={onRetry}
      >
        Try again
      </button>
    </div>
  );
}
