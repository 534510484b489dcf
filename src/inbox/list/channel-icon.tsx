import type { Channel } from '../../api/model.ts';
import { channelNames } from '../filters/filter-registry.ts';

/** Inline SVG paths (24×24, stroked): no icon font, no emoji the agent's fonts may lack. */
const icons: Record<Channel, string> = {
  sms: 'M4 5h16v11H9l-5 4z',
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
  call: 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 6a2 2 0 0 1 2-2',
  chat: 'M3 5h13v9H8l-5 4zM18 9h3v9l-4-3h-6',
  social:
    'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20a6 6 0 0 1 12 0M16 11a3 3 0 1 0 0-6M18 20a6 6 0 0 0-3-5',
  review: 'M12 3l2.6 5.6 6.1.6-4.6 4.1 1.3 6-5.4-3.1-5.4 3.1 1.3-6-4.6-4.1 6.1-.6z',
  other: 'M5 12h14M12 5v14',
};

export function ChannelIcon({ channel, label: detail }: { channel: Channel; label: string }) {
  const label = channelNames[channel];
  return (
    <span className="flex items-center gap-1.5 text-xs text-ink-muted" title={detail}>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-4 shrink-0 fill-none stroke-current stroke-2 [stroke-linejoin:round]"
      >
        <path d={icons[channel]} />
      </svg>
      {label}
    </span>
  );
}
