/**
 * The list's geometry, in a module of its own so the bench's variants and the structural
 * tests use the app's numbers without importing the list.
 */

/** Fixed row height: no per-row measuring, and scroll positions are exact. */
export const rowHeight = 68;
/** Rows rendered beyond the viewport on each side. */
export const overscan = 6;
/**
 * The window's height before it is measured: the browser's viewport (the list is a
 * little less, and is measured before the first paint), or on the server, which renders
 * the first paint (src/app/render-first-paint.tsx) without a screen, a tall one.
 */
export const unmeasuredHeight = (): number =>
  typeof window === 'undefined' ? 1200 : window.innerHeight;
