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
    <div role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{detail}</p>
      <button
        type="button"
        className="mt-3 rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white"
        onClick={onRetry}
      >
        Try again
      </button>
    </div>
  );
}
