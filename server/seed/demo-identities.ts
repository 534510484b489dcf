/**
 * Fixed identities of the demo agent ("me") and its companies. They are constants rather
 * than PRNG output so links, e2e tests and docs can name them whatever the seed is.
 */
export const DEMO_AGENT = {
  firstName: 'Avery',
  lastName: 'Quinn',
  email: 'avery.quinn@parley.test',
  phone: '+14155550100',
  timezone: 'America/New_York',
} as const;

/** HighLevel user id of the demo agent (20 alphanumeric characters, like real ids). */
export const DEMO_HIGHLEVEL_USER_ID = 'AveryQuinnParleyDemo';

/** HighLevel agency (company) that owns the demo location. */
export const DEMO_HIGHLEVEL_COMPANY_ID = 'ParleyDemoCompany001';

/** Exante agent uid of the demo agent. */
export const DEMO_EXANTE_AGENT_UID = '0b6d2c4e-5a1f-4e8b-9c3d-7f2a1e6b9d40';

/** Exante's numeric-looking user id (`id` is a string in EX-USER). */
export const DEMO_EXANTE_USER_ID = '1001';

export const DEMO_EXANTE_COMPANY_UID = 'c0a1b2c3-d4e5-4f60-8a7b-9c8d7e6f5a4b';

export const DEMO_ORGANIZATION_NAME = 'Parley Demo Org';

/**
 * The clock tests pin the seed to (PARLEY_CLOCK): the demo seeds relative to the moment it
 * is seeded, so that its newest conversations are minutes old, but a test that reads dates
 * wants them the same every run.
 */
export const PINNED_CLOCK_ISO = '2026-11-01T12:00:00Z';
