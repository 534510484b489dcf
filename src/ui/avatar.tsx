/**
 * Initials on a colour of their own for each contact, as Front and Gmail show them: a row
 * is recognised by its colour before its name is read. Decorative (the name is the text
 * beside it), so hidden from assistive technology, and left out on a phone, where the name
 * needs the room. The colour is a hue from the key at one OKLCH lightness, so white text
 * reads on every one (about 6:1), in both themes.
 */
function hueOf(key: string): number {
  // FNV-1a: the same key, the same hue.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 360;
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
      style={{ backgroundColor: `oklch(0.5 0.14 ${hueOf(colourKey)})` }}
      className={`grid shrink-0 place-items-center max-sm:hidden rounded-full font-semibold text-white ${
        small ? 'size-6 text-[0.625rem]' : 'size-8 text-xs'
      }`}
    >
      {initialsOf(name)}
    </span>
  );
}
