// First: the stored colour scheme is on <html> before anything renders.
import './ui/theme/apply-stored-theme.ts';
import { notifyManager } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { answeredWithin, firstPaintPatienceMs, keepsFirstPaint } from './app/first-paint.ts';
import { adoptLinkedProvider } from './app/linked-provider.ts';
import { prefetchFirstList } from './app/prefetch-first-list.ts';
import { createQueryClient } from './app/query-client.ts';
import './index.css';

const found = document.getElementById('root');
if (!found) throw new Error('index.html has no #root element');
const root: HTMLElement = found;

// TanStack Query tells components about new data in a task of its own (setTimeout 0),
// which often lands after the next frame: a filter's rows then paint a frame late. A
// microtask delivers them in the task that received the response; React still batches.
notifyManager.setScheduler(queueMicrotask);

// Created here, not in <App>, so the first rows can be asked for before React renders.
const queryClient = createQueryClient();

// React's first render replaces whatever #root holds.
const mount = () =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );

function start() {
  const first = prefetchFirstList(queryClient, window.location);
  if (first && keepsFirstPaint(root, first.scope)) {
    // The server's first paint shows this connection's rows: keep it until the app has the
    // same rows to show (not a "Loading…" in between), but never wait on a slow API for long.
    void answeredWithin(first.settled, firstPaintPatienceMs).then(mount);
  } else {
    mount();
  }
}

// A shared link that names its API (?provider=exante) makes it the agent's choice before
// the first rows are asked for.
adoptLinkedProvider();
start();
