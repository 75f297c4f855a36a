import { open, readFile, rename, stat, truncate, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { dirname } from 'node:path';
import { PeerboardError } from '../../schema/index.ts';

/**
 * Record framing of the embedded store's files (the journal and the snapshot).
 *
 *   file   = magic (8 bytes) record*
 *   record = length (u32 BE, payload bytes) crc32 (u32 BE, of the payload) payload (UTF-8 JSON)
 *
 * The CRC makes a torn write detectable: a crash while appending leaves a tail whose length or
 * checksum does not add up, and everything before it was acknowledged (fsync'd) earlier.
 */
export const JOURNAL_MAGIC = Buffer.from('PBJRNL01', 'latin1');
export const SNAPSHOT_MAGIC = Buffer.from('PBSNAP01', 'latin1');
const HEADER_BYTES = 8;
/** A single record larger than this is not one we wrote: treat it as a torn or corrupt tail. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function frameRecords(records: readonly unknown[]): Buffer {
  const parts: Buffer[] = [];
  for (const r of records) {
    const payload = Buffer.from(JSON.stringify(r), 'utf8');
    const head = Buffer.allocUnsafe(HEADER_BYTES);
    head.writeUInt32BE(payload.length, 0);
    head.writeUInt32BE(crc32(payload), 4);
    parts.push(head, payload);
  }
  return Buffer.concat(parts);
}

export interface ReadResult {
  records: unknown[];
  /** Bytes of the file that hold whole, valid records (including the magic). */
  validBytes: number;
  /** Bytes after the last valid record (a torn tail), 0 for a clean file. */
  tornBytes: number;
}

/** Reads every whole record of a framed file; stops at the first torn or corrupt one. */
export function parseFramed(buf: Buffer, magic: Buffer, file: string): ReadResult {
  if (buf.length < HEADER_BYTES) return { records: [], validBytes: 0, tornBytes: buf.length };
  if (!buf.subarray(0, HEADER_BYTES).equals(magic)) {
    throw new PeerboardError('STORE_CORRUPT', `${file} is not a Peerboard store file (bad header); refusing to open it`);
  }
  const records: unknown[] = [];
  let pos = HEADER_BYTES;
  while (pos + HEADER_BYTES <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const sum = buf.readUInt32BE(pos + 4);
    const start = pos + HEADER_BYTES;
    if (len > MAX_RECORD_BYTES || start + len > buf.length) break;
    const payload = buf.subarray(start, start + len);
    if (crc32(payload) !== sum) break;
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch {
      break;
    }
    records.push(value);
    pos = start + len;
  }
  return { records, validBytes: pos, tornBytes: buf.length - pos };
}

export async function readFramedFile(file: string, magic: Buffer): Promise<ReadResult | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PeerboardError('STORE_UNAVAILABLE', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseFramed(buf, magic, file);
}

/** fsync a directory so a rename or a newly created file in it survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * The append-only journal. `append` resolves only after the bytes are on disk (fdatasync), which
 * is what "acknowledged" means for the embedded store.
 */
export class JournalWriter {
  private constructor(
    private fh: FileHandle,
    readonly file: string,
    private bytes: number,
  ) {}

  /** Opens (creating if needed) the journal for appending, cutting a torn tail first. */
  static async open(file: string, validBytes: number): Promise<JournalWriter> {
    let size = 0;
    try {
      size = (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (size > 0 && validBytes < HEADER_BYTES) {
      // Crashed while creating the file: not even the magic made it. Start it again.
      await truncate(file, 0);
      size = 0;
    } else if (size > validBytes) {
      // Torn tail: the last append never completed, so it was never acknowledged. Cut it off so
      // the next append does not land after garbage.
      await truncate(file, validBytes);
      size = validBytes;
    }
    const fh = await open(file, 'a');
    try {
      if (size === 0) {
        await fh.write(JOURNAL_MAGIC);
        await fh.sync();
        await fsyncDir(dirname(file));
        size = HEADER_BYTES;
      }
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
    return new JournalWriter(fh, file, size);
  }

  get size(): number {
    return this.bytes;
  }

  async append(records: readonly unknown[]): Promise<void> {
    if (!records.length) return;
    const buf = frameRecords(records);
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    await this.fh.datasync();
    this.bytes += buf.length;
  }

  /** Empties the journal (after a snapshot holds everything it had). */
  async reset(): Promise<void> {
    await this.fh.truncate(HEADER_BYTES);
    await this.fh.sync();
    this.bytes = HEADER_BYTES;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/**
 * Writes a snapshot atomically: a temp file, fsync, rename over the old one, fsync the folder.
 * A crash at any point leaves either the old snapshot or the new one, never a half-written file.
 */
export async function writeSnapshot(file: string, records: Iterable<unknown>): Promise<number> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  let bytes = 0;
  try {
    await fh.write(SNAPSHOT_MAGIC);
    bytes += SNAPSHOT_MAGIC.length;
    let chunk: unknown[] = [];
    let chunkChars = 0;
    const flush = async () => {
      if (!chunk.length) return;
      const buf = frameRecords(chunk);
      await fh.write(buf);
      bytes += buf.length;
      chunk = [];
      chunkChars = 0;
    };
    for (const r of records) {
      chunk.push(r);
      chunkChars += 1;
      if (chunkChars >= 2000) await flush();
    }
    await flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(dirname(file));
  return bytes;
}
