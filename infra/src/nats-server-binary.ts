import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InfraError } from './infra-error';
import { LineBuffer } from './line-buffer';
import type { Log } from './log';

// Debian installs it in /usr/sbin, which a normal user's PATH often lacks.
const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
const installTimeoutMs = 300_000;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => join(dir, name)).find(executable);
}

const howToInstall =
  'install nats-server (Debian/Ubuntu: `apt-get install nats-server`; macOS: `brew install nats-server`; or a release from github.com/nats-io/nats-server), or set NATS_URL to a NATS server with JetStream enabled';

/**
 * The nats-server executable: from PATH, else installed with apt-get when we are root and have apt-get,
 * else an InfraError saying what to install.
 */
export async function natsServerBinary(log: Log): Promise<string> {
  const found = findOnPath('nats-server');
  if (found !== undefined) return found;
  const aptGet = findOnPath('apt-get');
  if (process.getuid?.() !== 0 || aptGet === undefined)
    throw new InfraError(`nats-server not found: ${howToInstall}`);

  log('nats-server not found; installing it with apt-get');
  await runLogged(aptGet, ['update'], log);
  await runLogged(aptGet, ['install', '-y', 'nats-server'], log);
  const installed = findOnPath('nats-server');
  if (installed === undefined)
    throw new InfraError(`apt-get installed nats-server but it is not on PATH: ${howToInstall}`);
  return installed;
}

function runLogged(command: string, args: string[], log: Log): Promise<void> {
  const what = `${command} ${args.join(' ')}`;
  const output = new LineBuffer();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: installTimeoutMs,
    });
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) =>
      reject(new InfraError(`${what} could not run: ${howToInstall}`, { cause: error })),
    );
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new InfraError(
            `${what} failed (${signal === 'SIGTERM' ? `timed out after ${installTimeoutMs / 1000}s` : `exit ${code ?? signal}`}): ${howToInstall}\n${output.quote()}`,
          ),
        );
    });
  });
}
