/**
 * The list's geometry, in a module of its own so the bench's variants and the structural
 * tests use the app's numbers without importing the list.
 */

/**
 * Fixed row heights, one per density (src/ui/density.ts): no per-row measuring, and scroll
 * positions are exact. Compact fits 18 rows in the list of a 900 px tall window.
 */
export const rowHeights = { comfortable: 68, compact: 36 } as const;
/** The default density's, which the bench and the structural tests measure. */
export const rowHeight = rowHeights.comfortable;
/** Rows rendered beyond the viewport on each side. */
export const overscan = 6;
/**
 * The window's height before it is measured: the browser's viewport (the list is a
 * little less, and is measured before the first paint), or on the server, which renders
 * the first paint (src/app/render-first-paint.tsx) without a screen, a tall one.
 */
export const unmeasuredHeight = (): number =>
  typeof window === 'undefined' ? 1200 : window.innerHeight;
