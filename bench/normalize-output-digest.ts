/**
 * A digest of everything the normaliser outputs on every corpus we have, so a speed change can
 * prove it changed no output (docs/decisions/092). Not a benchmark part: run it by hand before and
 * after a change and compare the digests.
 *
 *   node bin/run-ts.js bench/normalize-output-digest.ts            one digest per input group and in all
 *   node bin/run-ts.js bench/normalize-output-digest.ts --dump F   also every output, one JSON line each, to F
 *
 * Inputs: every posting of the real corpus (test/fixtures/normalize-real/part-* /postings.jsonl)
 * and of the self-written corpora (test/fixtures/normalize-eval*), the hand-written fixtures and
 * the speed bench's generated postings (each through parseRawPosting and normalizePosting); every
 * real pay phrase (parsePayText and findPayInDescription); and, to reach more of the pay reader
 * and the text stages than whole postings do, every line of every description and pay phrase
 * that holds a digit (parsePayText, findPayInDescription, findPayCandidates, findPayGrade) and
 * every paragraph (sanitizeDescription, extractCertifications, livedExperienceRequired). It
 * prints digests only, never a score: it reads no labels.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classifyEmploymentType,
  computeFingerprint,
  extractCertifications,
  findPayCandidates,
  findPayGrade,
  findPayInDescription,
  livedExperienceRequired,
  normalizePosting,
  parsePayText,
  parsePostingDate,
  parseRawPosting,
  payFromStructured,
  sanitizeDescription,
} from '../scrapers/normalize/index.ts';
import { readJsonl as readStrict } from './normalize-accuracy.ts';
import { makePostings } from './normalize-bench.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures');
const NOW = new Date('2026-03-10T00:00:00Z');

/** A fixture file's items; an unreadable line stops the digest (it would hash nothing real). */
const readJsonl = (file: string): unknown[] => readStrict(file, true).items;

/** Every posting file, in a fixed order: name → raw items. */
function postingSources(): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  const real = join(fixtures, 'normalize-real');
  if (existsSync(real)) {
    for (const d of readdirSync(real, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith('part-')).map((e) => e.name).sort()) {
      out.push([`real/${d}`, readJsonl(join(real, d, 'postings.jsonl'))]);
    }
  }
  for (const d of readdirSync(fixtures).filter((n) => n.startsWith('normalize-eval')).sort()) {
    out.push([d, readJsonl(join(fixtures, d, 'postings.jsonl'))]);
  }
  out.push(['bench', makePostings(2_000)]);
  return out;
}

function phraseTexts(): string[] {
  const real = join(fixtures, 'normalize-real');
  if (!existsSync(real)) return [];
  const out: string[] = [];
  for (const d of readdirSync(real).filter((n) => n.startsWith('part-')).sort()) {
    for (const p of readJsonl(join(real, d, 'pay-phrases.jsonl'))) {
      const text = (p as { text?: unknown } | null)?.text;
      if (typeof text === 'string') out.push(text);
    }
  }
  return out;
}

/** Stable JSON: numbers as written by JSON.stringify, undefined kept visible. */
function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '<undefined>' : v)) ?? 'undefined';
}

function attempt(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const dumpAt = process.argv.indexOf('--dump');
const dumpFile = dumpAt >= 0 ? process.argv[dumpAt + 1] : undefined;
const dump: string[] = [];
const total = createHash('sha256');

function group(name: string, items: Iterable<string>): void {
  const h = createHash('sha256');
  let n = 0;
  for (const line of items) {
    h.update(line).update('\n');
    total.update(line).update('\n');
    if (dumpFile) dump.push(`${name}\t${line}`);
    n++;
  }
  console.log(`${name.padEnd(28)} ${String(n).padStart(6)}  ${h.digest('hex').slice(0, 16)}`);
}

const descriptions: string[] = [];
const payFields: string[] = [];
for (const [name, raws] of postingSources()) {
  group(
    `postings ${name}`,
    raws.map((input) => {
      const parsed = attempt(() => parseRawPosting(input)) as ReturnType<typeof parseRawPosting>;
      if (!('ok' in parsed)) return show(parsed);
      if (!parsed.ok) return show({ rejected: parsed.error.message });
      const raw = parsed.raw;
      if (raw.description) descriptions.push(raw.description);
      if (raw.pay) payFields.push(raw.pay);
      const extra = {
        structured: raw.structuredPay === undefined ? null : attempt(() => payFromStructured(raw.structuredPay)),
        type: attempt(() => classifyEmploymentType(raw.employmentType, raw.title, raw.description ?? '')),
        date: attempt(() => parsePostingDate(raw.datePosted, NOW)),
      };
      return show({ out: attempt(() => normalizePosting(raw, { now: NOW })), extra });
    }),
  );
}

const phrases = phraseTexts();
group('phrases parsePayText', phrases.map((t) => show(attempt(() => parsePayText(t)))));
group('phrases in description', phrases.map((t) => show(attempt(() => findPayInDescription(t)))));

// Lines that hold a digit, from descriptions (sanitised to text, and raw), pay fields and phrases.
const lines = new Set<string>();
const paragraphs = new Set<string>();
for (const source of [...descriptions, ...payFields, ...phrases]) {
  const text = sanitizeDescription(source).text;
  for (const t of [source, text]) {
    for (const line of t.split('\n')) if (/\d/.test(line)) lines.add(line);
    for (const para of t.split(/\n\s*\n/)) if (para.trim() !== '') paragraphs.add(para);
  }
}
// Neighbouring pairs of digit lines, so the readers see a figure with the line after it.
const lineList = [...lines];
const pairs = lineList.slice(1).map((l, i) => `${lineList[i]}\n${l}`);
group(
  'lines pay',
  [...lineList, ...pairs].map((l) =>
    show([
      attempt(() => parsePayText(l)),
      attempt(() => findPayInDescription(l)),
      attempt(() => findPayCandidates(l, 'field')),
      attempt(() => findPayCandidates(l, 'description')),
      attempt(() => findPayGrade(l)),
    ]),
  ),
);
group(
  'paragraphs text',
  [...paragraphs].map((p) =>
    show([
      attempt(() => sanitizeDescription(p)),
      attempt(() => extractCertifications(p, '')),
      attempt(() => livedExperienceRequired(p, true)),
      attempt(() => livedExperienceRequired(p, false)),
      attempt(() => classifyEmploymentType(undefined, '', p)),
    ]),
  ),
);
group(
  'fingerprints',
  descriptions.slice(0, 200).map((d, i) => show(computeFingerprint({ title: d.slice(0, 40 + (i % 30)), employer: i % 3 ? null : 'X', city: null, state: i % 2 ? 'OH' : null, workplace: 'onsite' }))),
);

console.log(`${'all'.padEnd(28)} ${''.padStart(6)}  ${total.digest('hex')}`);
if (dumpFile) writeFileSync(dumpFile, dump.join('\n') + '\n');
