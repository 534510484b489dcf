/**
 * The pages loaded on demand, in one chunk (load-pages.ts), and the form that asks for a
 * new token after a 401, the rate limit's countdown and the Display menu's choices: what
 * only a rare moment shows. One module on purpose: with a third dynamic
 * import (src/inbox/deferred-parts.tsx is the other), the bundler (rolldown 1.2) splits
 * React and TanStack Query out of the entry into a shared chunk that loads at start
 * anyway, which made the initial JS larger, not smaller (decision 0010).
 */
export { ReadingPane } from '../inbox/detail/reading-pane.tsx';
export { SettingsPage } from './settings-page.tsx';
export { ReconnectForm } from './reconnect-banner.tsx';
export { Countdown } from './rate-limit-notice.tsx';
export { DisplayChoices } from './display-choices.tsx';
