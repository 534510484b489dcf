import { useCallback, useState } from 'react';

/**
 * An element's width in CSS pixels, followed as it changes (a window resized, a pane
 * opened beside it); null until it is measured, and where ResizeObserver does not exist
 * (the server's first paint, jsdom).
 */
export function useWidth(): [(element: HTMLElement | null) => void, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      // Whole pixels: sub-pixel jitter must not re-lay the list out.
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
