/**
 * "3 new conversations": the list stays where the agent is reading until this is pressed,
 * then shows the newest from the top.
 */
export function NewConversationsPill({
  fresh,
  more,
  onShow,
}: {
  fresh: number;
  more: boolean;
  onShow: () => void;
}) {
  // At most the head's size (25): no number formatting needed, and none on every render.
  const text =
    fresh === 0
      ? ''
      : `${fresh}${more ? '+' : ''} new conversation${fresh === 1 && !more ? '' : 's'}`;
  return (
    <>
      {/* Always present, so screen readers hear the count when it appears. */}
      <p role="status" className="sr-only">
        {text}
      </p>
      {fresh === 0 ? null : (
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
