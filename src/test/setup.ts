import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { clearToasts } from '../ui/toaster.tsx';

afterEach(() => {
  cleanup();
  // Outlives a render: the next test (or file, where files share a page) starts clean.
  clearToasts();
  localStorage.clear();
  sessionStorage.clear();
});
