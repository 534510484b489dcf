import { Star } from 'lucide';
import type { Conversation } from '../../api/model.ts';
import { Icon } from '../../ui/icon.tsx';
import { useListContext } from './list-context.tsx';

export function StarButton({ conversation }: { conversation: Conversation }) {
  const { toggleStar } = useListContext();
  const starred = conversation.starred === true;
  return (
    <button
      type="button"
      aria-pressed={starred}
      aria-label={`Star conversation with ${conversation.contactName}`}
      // The row is the grid's one tab stop; `s` stars from the keyboard.
      tabIndex={-1}
      onClick={() => toggleStar(conversation)}
      className={`relative z-10 grid size-9 place-items-center max-md:size-11 rounded-full hover:bg-surface-hover ${
        starred ? 'text-star' : 'text-ink-muted'
      }`}
    >
      <Icon icon={Star} className="size-5" filled={starred} />
    </button>
  );
}
