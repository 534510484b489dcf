import type { Channel } from '../../api/model.ts';
import { Icon } from '../../ui/icon.tsx';

/**
 * Channel icons drawn for Parley (24×24, stroked, as lucide's are) at a fraction of the
 * icon set's detail: one is on every row at 16 px, and the bytes count (the initial JS).
 */
const paths: Record<Channel, string> = {
  sms: 'M4 5h16v11H9l-5 4z',
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
  call: 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 6a2 2 0 0 1 2-2',
  chat: 'M3 5h13v9H8l-5 4zM18 9h3v9l-4-3h-6',
  social:
    'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20a6 6 0 0 1 12 0M16 11a3 3 0 1 0 0-6M18 20a6 6 0 0 0-3-5',
  review: 'M12 3l2.6 5.6 6.1.6-4.6 4.1 1.3 6-5.4-3.1-5.4 3.1 1.3-6-4.6-4.1 6.1-.6z',
  other: 'M5 12h14M12 5v14',
};

/** The channel's icon and what an agent calls it ("WhatsApp", not the family "Chat"). */
export function ChannelIcon({ channel, label }: { channel: Channel; label: string }) {
  return (
    <span className="flex min-w-0 items-center gap-1.5 text-xs text-ink-muted">
      <Icon icon={[['path', { d: paths[channel] }]]} className="size-4 shrink-0" />
      <span className="truncate">{label}</span>
    </span>
  );
}
