import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian installs nats-server in /usr/sbin, which a normal user's PATH often lacks.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin'];

/** The nats-server executable on PATH (or where Debian puts it), or undefined. */
export function natsServerOnPath(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  return dirs
    .map((dir) => join(dir, 'nats-server'))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
