import { createExternalStore, useExternalStore } from './external-store.ts';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

// A tiny store outside React: any handler (a failed mutation's onError) can raise a
// message without threading callbacks through components.
const toasts = createExternalStore<Toast[]>([]);
let nextId = 1;

export function dismissToast(id: number): void {
  toasts.set(toasts.get().filter((t) => t.id !== id));
}

/** Every toast gone at once: tests that share one page (setup.ts) start without any. */
export function clearToasts(): void {
  toasts.set([]);
}

export function showToast(message: string, tone: Toast['tone'] = 'info'): void {
  const id = nextId++;
  toasts.set([...toasts.get().slice(-3), { id, message, tone }]);
  setTimeout(() => dismissToast(id), tone === 'error' ? 10_000 : 5_000);
}

export function Toaster() {
  const items = useExternalStore(toasts);
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {items.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ${
            toast.tone === 'error'
              ? 'bg-danger-strong text-on-danger-strong'
              : 'bg-toast text-on-toast'
          }`}
        >
          <p className="flex-1">{toast.message}</p>
          <button
            type="button"
            className="font-semibold underline"
            onClick={() => dismissToast(toast.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
