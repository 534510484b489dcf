/** "3 new conversations", "1 conversation moved", "3 new, 1 moved": the pill's words. */
export function pillText(fresh: number, more: boolean, moved: number): string {
  // At most the head's size (25): no number formatting needed, and none on every render.
  const news = `${fresh}${more ? '+' : ''}`;
  if (fresh > 0 && moved > 0) return `${news} new, ${moved} moved`;
  if (fresh > 0) return `${news} new conversation${fresh === 1 && !more ? '' : 's'}`;
  if (moved > 0) return `${moved} conversation${moved === 1 ? '' : 's'} moved`;
  return '';
}

/**
 * "3 new conversations": the list stays where the agent is reading until this is pressed,
 * then shows the newest from the top. A row that moved in the view's order (a reply made
 * it the newest) waits for the same press.
 */
export function NewConversationsPill({
  fresh,
  more,
  moved,
  onShow,
}: {
  fresh: number;
  more: boolean;
  moved: number;
  onShow: () => void;
}) {
  const text = pillText(fresh, more, moved);
  return (
    <>
      {/* Always present, so screen readers hear the count when it appears. */}
      <p role="status" className="sr-only">
        {text}
      </p>
      {text === '' ? null : (
        <button
          type="button"
          onClick={onShow}
          className="absolute top-2 left-1/2 z-10 min-h-9 -translate-x-1/2 rounded-full bg-accent-strong px-4 text-sm font-semibold text-on-accent-strong shadow-lg max-md:min-h-11"
        >
          {text}
        </button>
      )}
    </>
  );
}
