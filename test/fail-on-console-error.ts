import { afterEach, beforeEach, vi } from 'vitest';

// Any console.error during a test is a failure: React warnings, act() warnings and
// unhandled query errors all surface there, and a silent one hides a real bug.
let errors: unknown[][] = [];
let allowed: RegExp[] = [];

/** For a test that provokes an error on purpose (an error boundary's, say). */
export function allowConsoleErrors(pattern: RegExp): void {
  allowed.push(pattern);
}

beforeEach(() => {
  errors = [];
  allowed = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  const texts = errors.map((args) => args.map(String).join(' '));
  const unexpected = texts.filter((text) => !allowed.some((pattern) => pattern.test(text)));
  if (unexpected.length > 0) {
    throw new Error(`console.error was called during the test:\n${unexpected.join('\n')}`);
  }
});
