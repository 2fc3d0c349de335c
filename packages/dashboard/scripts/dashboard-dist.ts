import { fileURLToPath } from 'node:url';

/** Where `vite build` writes the dashboard; the api serves this folder at `/`. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../dist', import.meta.url));
