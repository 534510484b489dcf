/**
 * The list's geometry, in a module of its own so the bench's variants and the structural
 * tests use the app's numbers without importing the list.
 */

/** Fixed row height: no per-row measuring, and scroll positions are exact. */
export const rowHeight = 68;
/** Rows rendered beyond the viewport on each side. */
export const overscan = 6;
