import type { Database } from 'better-sqlite3';
import { QueryReader } from './query-params.ts';
import type { Parsed } from './search.ts';

interface HlUserRow {
  id: string;
  location_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  role: string;
  ord: number;
}

/** UserSchema (§1.5; GHL-USERS). */
function toUserSchema(row: HlUserRow) {
  return {
    id: row.id,
    name: `${row.first_name} ${row.last_name}`,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    extension: '',
    permissions: {
      conversationsEnabled: true,
      contactsEnabled: true,
      assignedDataOnly: false,
      campaignsEnabled: row.role === 'admin',
      workflowsEnabled: row.role === 'admin',
    },
    scopes: 'conversations.readonly conversations.write contacts.readonly users.readonly',
    roles: {
      type: 'account',
      role: row.role,
      locationIds: [row.location_id],
      restrictSubAccount: false,
    },
    deleted: false,
    lcPhone: { [row.location_id]: row.phone },
    platformLanguage: 'en_US',
  };
}

export function listUsers(db: Database, locationId: string) {
  const rows = db
    .prepare('SELECT * FROM hl_users WHERE location_id = ? ORDER BY ord')
    .all(locationId) as HlUserRow[];
  return rows.map(toUserSchema);
}

export interface UserSearch {
  companyId: string;
  locationId: string | null;
  query: string | null;
  skip: number;
  limit: number;
  ids: string[] | null;
  role: string | null;
  sortDirection: 'asc' | 'desc';
}

const KNOWN: ReadonlySet<string> = new Set([
  'companyId',
  'query',
  'skip',
  'limit',
  'locationId',
  'type',
  'role',
  'ids',
  'sort',
  'sortDirection',
  'enabled2waySync',
]);

export function parseUserSearch(params: URLSearchParams): Parsed<UserSearch> {
  const read = new QueryReader(params, KNOWN);
  const value: UserSearch = {
    companyId: read.required('companyId') ?? '',
    locationId: read.string('locationId') ?? null,
    query: read.string('query') ?? null,
    skip: read.integer('skip', 0, 1_000_000) ?? 0,
    limit: read.integer('limit', 1, 100) ?? 25,
    ids: read.list('ids') ?? null,
    role: read.oneOf('role', ['admin', 'user'] as const) ?? null,
    sortDirection: read.oneOf('sortDirection', ['asc', 'desc'] as const) ?? 'asc',
  };
  read.oneOf('type', ['agency', 'account'] as const);
  read.string('sort');
  read.oneOf('enabled2waySync', ['true', 'false'] as const);
  return read.errors.length > 0 ? { ok: false, errors: read.errors } : { ok: true, value };
}

/** GET /users/search: `{ users, count }`; matches name, email or phone, case-insensitively. */
export function searchUsers(db: Database, locationId: string, search: UserSearch) {
  const rows = db
    .prepare('SELECT * FROM hl_users WHERE location_id = ?')
    .all(locationId) as HlUserRow[];
  const needle = search.query?.toLowerCase() ?? null;
  const matches = rows
    .filter((row) => search.ids === null || search.ids.includes(row.id))
    .filter((row) => search.role === null || row.role === search.role)
    .filter(
      (row) =>
        needle === null ||
        `${row.first_name} ${row.last_name}`.toLowerCase().includes(needle) ||
        row.email.toLowerCase().includes(needle) ||
        row.phone.includes(needle),
    )
    .sort((a, b) => {
      const order = `${a.first_name} ${a.last_name}`.localeCompare(
        `${b.first_name} ${b.last_name}`,
      );
      return search.sortDirection === 'asc' ? order : -order;
    });
  return {
    users: matches.slice(search.skip, search.skip + search.limit).map(toUserSchema),
    count: matches.length,
  };
}
