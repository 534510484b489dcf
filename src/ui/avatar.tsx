/**
 * Initials on a colour of their own for each contact, as Front and Gmail show them: a row
 * is recognised by its colour before its name is read. Decorative (the name is the text
 * beside it), so hidden from assistive technology, and left out on a phone, where the name
 * needs the room. Each colour carries white text at more
 * than 4.5:1, in both themes.
 */
const colours = [
  'bg-[#b91c1c]',
  'bg-[#c2410c]',
  'bg-[#a16207]',
  'bg-[#15803d]',
  'bg-[#0f766e]',
  'bg-[#1d4ed8]',
  'bg-[#6d28d9]',
  'bg-[#be185d]',
];

/** The same key, the same colour: a small string hash (FNV-1a). */
function colourOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return colours[(hash >>> 0) % colours.length] as string;
}

/** "Ines Moreau" → "IM"; "+1 555 0100" → "#"; one word → its first letter. */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  const first = words[0];
  if (first === undefined) return '#';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string) => (Array.from(word)[0] ?? '').toLocaleUpperCase();
  return letter(first) + (last ? letter(last) : '');
}

export function Avatar({
  name,
  colourKey,
  small,
}: {
  name: string;
  /** What picks the colour: the contact's id where there is one, so a rename keeps it. */
  colourKey: string;
  small: boolean;
}) {
  return (
    <span
      aria-hidden="true"
      className={`grid shrink-0 place-items-center max-sm:hidden rounded-full font-semibold text-white ${colourOf(colourKey)} ${
        small ? 'size-6 text-[0.625rem]' : 'size-8 text-xs'
      }`}
    >
      {initialsOf(name)}
    </span>
  );
}
