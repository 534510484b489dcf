/**
 * Imported first by src/main.tsx: sets the stored scheme on <html> before React renders
 * anything. The CSP forbids inline scripts, so this cannot live in index.html; with no
 * stored choice CSS alone follows the system, so nothing can flash in that case.
 */
import { applyTheme } from './theme.ts';

applyTheme();
