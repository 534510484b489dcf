import type { Channel } from '../../api/model.ts';

const glyphs: Record<Channel, { glyph: string; label: string }> = {
  sms: { glyph: '💬', label: 'SMS' },
  email: { glyph: '✉', label: 'Email' },
  call: { glyph: '☎', label: 'Call' },
  chat: { glyph: '🗨', label: 'Chat' },
  social: { glyph: '👥', label: 'Social' },
  review: { glyph: '★', label: 'Review' },
  other: { glyph: '•', label: 'Other' },
};

export function ChannelIcon({ channel, raw }: { channel: Channel; raw: string }) {
  const { glyph, label } = glyphs[channel];
  return (
    <span className="flex items-center gap-1 text-xs text-slate-600" title={raw}>
      <span aria-hidden="true">{glyph}</span>
      {label}
    </span>
  );
}
