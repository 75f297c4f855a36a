import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * The embedded search index's snapshot file: what the index holds, plus the change-feed seq it
 * reflects, so a restart loads it in a fraction of a second and applies only the feed after that
 * seq (docs/decisions/026-embedded-index-snapshot.md).
 *
 *   file   = magic "PBIDX001" (8) | header length (u32 LE) | crc32 of everything after this field (u32 LE)
 *            | header (UTF-8 JSON) | padding to 8 | blob* (each padded to 8)
 *
 * The header names each blob (`name`, typed-array `type`, byte length) in file order. The file
 * is written to a temp name and renamed into place, so a crash leaves the old snapshot or the
 * new one; the CRC catches anything else (a damaged file is reported and the index rebuilt).
 */

const MAGIC = Buffer.from('PBIDX001', 'latin1');
const FIXED = MAGIC.length + 8;

export type BlobType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const CTOR: Record<BlobType, new (buffer: ArrayBufferLike, offset: number, length: number) => Typed> = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
};

export function blobTypeOf(a: Typed): BlobType {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f64';
}

export interface SnapshotContent<H> {
  header: H;
  blobs: Map<string, Typed>;
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/** Writes a snapshot atomically (temp file, fsync, rename). */
export async function writeIndexSnapshot<H extends object>(file: string, header: H, blobs: readonly { name: string; data: Typed }[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const meta = blobs.map((b) => ({ name: b.name, type: blobTypeOf(b.data), bytes: b.data.byteLength }));
  const headBuf = Buffer.from(JSON.stringify({ ...header, blobs: meta }), 'utf8');
  const parts: Buffer[] = [headBuf, Buffer.alloc(pad8(FIXED + headBuf.length))];
  for (const b of blobs) {
    parts.push(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength), Buffer.alloc(pad8(b.data.byteLength)));
  }
  let sum = 0;
  for (const p of parts) sum = crc32(p, sum);
  const fixed = Buffer.alloc(FIXED);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(headBuf.length, MAGIC.length);
  fixed.writeUInt32LE(sum, MAGIC.length + 4);
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writev([fixed, ...parts]);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
}

/** Reads a snapshot; null when there is none. Throws on a damaged or foreign file. */
export async function readIndexSnapshot<H extends object>(file: string): Promise<SnapshotContent<H> | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (buf.length < FIXED || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${file} is not a Peerboard search snapshot`);
  const headLen = buf.readUInt32LE(MAGIC.length);
  const sum = buf.readUInt32LE(MAGIC.length + 4);
  if (crc32(buf.subarray(FIXED)) !== sum) throw new Error(`${file} is damaged (checksum mismatch)`);
  const head = JSON.parse(buf.subarray(FIXED, FIXED + headLen).toString('utf8')) as H & { blobs: { name: string; type: BlobType; bytes: number }[] };
  // Copy once into an 8-aligned buffer of our own: typed-array views need aligned offsets, and
  // the restored index keeps views into it (it is the index's memory from then on).
  let at = FIXED + headLen;
  at += pad8(at);
  const body = new ArrayBuffer(buf.length - at);
  new Uint8Array(body).set(buf.subarray(at));
  const blobs = new Map<string, Typed>();
  let off = 0;
  for (const b of head.blobs) {
    const Ctor = CTOR[b.type];
    if (!Ctor || off + b.bytes > body.byteLength) throw new Error(`${file} is damaged (blob ${b.name})`);
    blobs.set(b.name, new Ctor(body, off, b.bytes / (Ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT));
    off += b.bytes + pad8(b.bytes);
  }
  const { blobs: _meta, ...header } = head;
  void _meta;
  return { header: header as unknown as H, blobs };
}
