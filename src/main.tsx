// First: the stored colour scheme is on <html> before anything renders.
import './ui/theme/apply-stored-theme.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { prefetchFirstList } from './app/prefetch-first-list.ts';
import { createQueryClient } from './app/query-client.ts';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Created here, not in <App>, so the first rows can be asked for before React renders.
const queryClient = createQueryClient();
prefetchFirstList(queryClient, window.location);

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
