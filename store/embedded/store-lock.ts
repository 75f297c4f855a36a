import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PeerboardError } from '../../schema/index.ts';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * The single-writer lock of an embedded store folder: a file created with O_EXCL holding the
 * owner's pid. Two writers appending to one journal would interleave records and corrupt it, so a
 * second process gets a clear STORE_LOCKED error naming the holder instead. A lock left by a
 * process that died (kill -9, power cut) is detected by its pid no longer running on this host and
 * taken over. (A pid can be reused by an unrelated process after a reboot; the message then names
 * the file to delete.)
 */
export async function acquireStoreLock(file: string): Promise<() => Promise<void>> {
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.write(JSON.stringify(info));
        await fh.sync();
      } finally {
        await fh.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(file).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new PeerboardError('STORE_UNAVAILABLE', `cannot create the store lock ${file}: ${(err as Error).message}`, { cause: err });
      }
    }
    const holder = await readLock(file);
    if (holder && isHeld(holder)) {
      const who = holder.pid === process.pid ? `this process (pid ${holder.pid}; the store is already open)` : `process ${holder.pid} on ${holder.host}`;
      throw new PeerboardError(
        'STORE_LOCKED',
        `the embedded store in ${file.replace(/[/\\][^/\\]*$/, '')} is open for writing by ${who} since ${holder.startedAt}; ` +
          `stop that process first (or delete ${file} if you are sure it is not running)`,
      );
    }
    // Stale (its process is gone) or unreadable (crashed while writing it): remove and retry.
    await unlink(file).catch(() => undefined);
  }
  throw new PeerboardError('STORE_LOCKED', `could not take the store lock ${file}: another process keeps re-creating it`);
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? 'unknown') };
    }
  } catch {
    // Missing or torn lock file: treated as stale.
  }
  return null;
}

function isHeld(lock: LockInfo): boolean {
  // On another host we cannot tell whether the pid lives: assume it does (a shared folder).
  if (lock.host !== hostname()) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
