import type { Database } from 'better-sqlite3';
import { prepareCached } from '../db/statement-cache.ts';
import { CONTACT_UPDATE_FIELDS } from '../../src/api/contract/highlevel.ts';
import type { HlConversationRow, WireMode } from './rows.ts';
import type { Parsed } from './search.ts';

/**
 * PUT /contacts/{contactId}, as far as Parley needs it: the contact's `assignedTo`. A
 * HighLevel conversation has no assignee of its own; each shows its contact's, so this
 * changes `assigned_to` on every conversation of the contact in the location (and the
 * trigger-kept view counts with it: server/db/view-counts.ts). Contacts are not stored
 * apart from their conversations (decision 0001): a contact is what its conversations say.
 */

/** UpdateContactDto's other fields: real, but not imitated here. */
const OTHER_CONTACT_FIELDS: ReadonlySet<string> = new Set([
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'address1',
  'city',
  'state',
  'postalCode',
  'website',
  'timezone',
  'dnd',
  'dndSettings',
  'inboundDndSettings',
  'tags',
  'customFields',
  'source',
  'dateOfBirth',
  'country',
]);

export interface ContactUpdate {
  /** Absent: unchanged; null: nobody. */
  assignedTo?: string | null;
}

export function parseContactUpdate(body: unknown): Parsed<ContactUpdate> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const record = body as Record<string, unknown>;
  const errors: string[] = [];
  const known: readonly string[] = CONTACT_UPDATE_FIELDS;
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    errors.push(
      OTHER_CONTACT_FIELDS.has(key)
        ? `property ${key} cannot be changed through Parley's embedded API (only assignedTo)`
        : `property ${key} should not exist`,
    );
  }
  const update: ContactUpdate = {};
  if ('assignedTo' in record) {
    const value = record['assignedTo'];
    if (value === null) update.assignedTo = null;
    else if (typeof value !== 'string' || value.trim() === '') {
      errors.push('assignedTo must be a user id (a non-empty string) or null');
    } else update.assignedTo = value.trim();
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: update };
}

export type ContactOutcome =
  | { ok: true; rows: HlConversationRow[]; updatedAt: number }
  | { ok: false; status: 404 | 422; errors: string[] };

/** One immediate transaction: every conversation of the contact moves, or none. */
export function updateContact(
  db: Database,
  locationId: string,
  contactId: string,
  update: ContactUpdate,
  now = Date.now(),
): ContactOutcome {
  return db
    .transaction((): ContactOutcome => {
      const exists = prepareCached(
        db,
        'SELECT 1 FROM hl_conversations WHERE contact_id = ? AND location_id = ? LIMIT 1',
      ).get(contactId, locationId);
      if (exists === undefined) {
        return { ok: false, status: 404, errors: [`Contact with id ${contactId} not found`] };
      }
      const assignee = update.assignedTo;
      if (
        typeof assignee === 'string' &&
        prepareCached(db, 'SELECT 1 FROM hl_users WHERE id = ? AND location_id = ?').get(
          assignee,
          locationId,
        ) === undefined
      ) {
        return {
          ok: false,
          status: 422,
          errors: [`assignedTo ${assignee} is not a user of this location`],
        };
      }
      if (assignee !== undefined) {
        prepareCached(
          db,
          `UPDATE hl_conversations SET assigned_to = ?, date_updated = MAX(date_updated, ?)
           WHERE contact_id = ? AND location_id = ? AND assigned_to IS NOT ?`,
        ).run(assignee, now, contactId, locationId, assignee);
      }
      const rows = prepareCached(
        db,
        `SELECT * FROM hl_conversations WHERE contact_id = ? AND location_id = ?
         ORDER BY last_message_date DESC, seq DESC`,
      ).all(contactId, locationId) as HlConversationRow[];
      return { ok: true, rows, updatedAt: now };
    })
    .immediate();
}

const iso = (ms: number) => new Date(ms).toISOString();

function nameParts(fullName: string): { first: string; last: string } {
  const trimmed = fullName.trim();
  const space = trimmed.indexOf(' ');
  return space === -1
    ? { first: trimmed, last: '' }
    : { first: trimmed.slice(0, space), last: trimmed.slice(space + 1).trim() };
}

/**
 * The contact of an update's answer, from its conversations (the most recent first). Real:
 * the recorded shape, ISO dates, keys left out when empty (`assignedTo` among them). Spec:
 * GetContectByIdSchema's keys, `assignedTo` null when nobody is assigned.
 */
export function toContactDto(
  rows: readonly HlConversationRow[],
  updatedAt: number,
  wire: WireMode,
) {
  const latest = rows[0];
  if (latest === undefined) throw new Error('a contact has at least one conversation');
  const { first, last } = nameParts(latest.full_name);
  const dateAdded = Math.min(...rows.map((row) => row.date_added));
  const tags = JSON.parse(latest.tags) as string[];
  const assignedTo = latest.assigned_to;
  if (wire === 'spec') {
    return {
      id: latest.contact_id,
      name: latest.full_name,
      locationId: latest.location_id,
      firstName: first,
      lastName: last,
      email: latest.email,
      emailLowerCase: latest.email.toLowerCase(),
      phone: latest.phone,
      companyName: latest.company_name ?? '',
      type: 'lead',
      assignedTo,
      tags,
      dateAdded: iso(dateAdded),
      dateUpdated: iso(updatedAt),
      firstNameLowerCase: first.toLowerCase(),
      lastNameLowerCase: last.toLowerCase(),
      fullNameLowerCase: latest.full_name.toLowerCase(),
      customFields: [],
    };
  }
  const some = <K extends string>(key: K, value: string | null) =>
    (value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
  return {
    id: latest.contact_id,
    dateAdded: iso(dateAdded),
    type: 'lead',
    locationId: latest.location_id,
    ...some('email', latest.email),
    ...some('emailLowerCase', latest.email.toLowerCase()),
    ...some('phone', latest.phone),
    ...some('companyName', latest.company_name),
    ...some('firstName', first),
    ...some('firstNameLowerCase', first.toLowerCase()),
    ...some('lastName', last),
    ...some('lastNameLowerCase', last.toLowerCase()),
    ...some('fullNameLowerCase', latest.full_name.toLowerCase()),
    tags,
    dateUpdated: iso(updatedAt),
    ...some('assignedTo', assignedTo),
    followers: [],
    customFields: [],
    additionalEmails: [],
    additionalPhones: [],
  };
}
