/** Defaults of config.ts, repeated here on purpose: tests pin the public contract. */
export const TOKEN = 'ex_live_parley_demo';
export const LOCATION_ID = 'ParleyDemoLocation01';
export const ORGANIZATION_UID = '6f1c2a9e-0d44-4b50-8888-5a7d0c1e2b3f';

export const HL_HEADERS = { Authorization: `Bearer ${TOKEN}`, Version: '2021-04-15' };
export const EX_HEADERS = { Authorization: `Bearer ${TOKEN}` };

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = unknown>(
  url: string,
  init: RequestInit = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text, the assertion will say so.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** Words the way SQLite's unicode61 tokenizer (remove_diacritics 2) sees them. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Every query word is a prefix of some word of some field: the search semantics. */
export function matchesQuery(query: string, fields: readonly string[]): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return false;
  const have = fields.flatMap(words);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
