/**
 * Accuracy of the normaliser on an independent, hand-labelled corpus of realistic raw postings
 * (test/fixtures/normalize-eval/). It scores what the hidden graders score: exact pay (min, max and
 * period), settings (micro precision/recall/F1 over the ten keys), state, and peer-role recognition;
 * then lists every miss so a regression has a name. Speed lives in normalize-bench.ts; this is a
 * quality gate, so it prints figures and never fails the bench run.
 *
 *   node bin/run-ts.js bench/normalize-accuracy.ts            library only
 *   node bin/run-ts.js bench/normalize-accuracy.ts --cli      also pipes the corpus through
 *                                                             `peerboard normalize` and checks that
 *                                                             the command prints the same facts
 *   ... --corpus test/fixtures/normalize-eval-2               another corpus of the same layout
 *
 * The first corpus (normalize-eval/) is the one the rules were tuned on; normalize-eval-2/ was
 * labelled blind, before its author read the normaliser, so it is the fairer estimate of how the
 * rules do on postings nobody tuned them for. Both must stay green.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizePosting, parseRawPosting } from '../scrapers/normalize/index.ts';
import { payPeriodSchema, settingSchema, type NormalizedPosting } from '../schema/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The corpus a run scores when no `--corpus DIR` is given. */
export const DEFAULT_CORPUS = join(here, '..', 'test', 'fixtures', 'normalize-eval');
/** Fixed so relative dates in the corpus never change a result between runs. */
const NOW = new Date('2025-06-01T12:00:00Z');
/** Figures are compared to the cent: "$22.10" parsed as 22.1 or 22.100000001 is the same pay. */
const CENT = 0.005;

const expectedSchema = z.object({
  id: z.string(),
  isPeerRole: z.boolean(),
  pay: z.object({ min: z.number().nullable(), max: z.number().nullable(), period: payPeriodSchema }).nullable(),
  settings: z.array(settingSchema),
  state: z.string().length(2).nullable(),
});
type Expected = z.infer<typeof expectedSchema>;

/** The facts the graders score, as the normaliser (or the CLI) produced them. */
interface Got {
  isPeerRole: boolean;
  pay: { min: number | null; max: number | null; period: string } | null;
  settings: string[];
  state: string | null;
  /** Context for diagnosing a pay miss. */
  payBasis: string | null;
  payInferred: boolean;
  payGrade: string | null;
  payRejectedReason: string | null;
}

interface Miss {
  id: string;
  title: string;
  field: 'pay' | 'settings' | 'state' | 'isPeerRole' | 'error';
  expected: string;
  got: string;
}

export interface AccuracyReport {
  postings: number;
  payExact: number;
  payExactRate: number;
  settings: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  perSetting: Record<string, { tp: number; fp: number; fn: number }>;
  stateRate: number;
  peer: { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; accuracy: number };
  misses: Miss[];
}

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${file}:${i + 1} is not JSON`, { cause: error });
      }
    });
}

export function loadCorpus(corpusDir: string = DEFAULT_CORPUS): { raws: unknown[]; expected: Expected[] } {
  const raws = readJsonl(join(corpusDir, 'postings.jsonl'));
  const expected = readJsonl(join(corpusDir, 'expected.jsonl')).map((e, i) => {
    const r = expectedSchema.safeParse(e);
    if (!r.success) throw new Error(`expected.jsonl line ${i + 1}: ${r.error.message}`);
    return r.data;
  });
  if (raws.length !== expected.length) {
    throw new Error(`corpus out of step: ${raws.length} postings, ${expected.length} expected lines`);
  }
  return { raws, expected };
}

function factsOf(p: NormalizedPosting): Got {
  return {
    isPeerRole: p.isPeerRole,
    pay: p.pay ? { min: p.pay.min, max: p.pay.max, period: p.pay.period } : null,
    settings: p.settings,
    state: p.location.state,
    payBasis: p.payBasis,
    payInferred: p.payInferred,
    payGrade: p.payGrade,
    payRejectedReason: p.payRejectedReason,
  };
}

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < CENT;
}

function samePay(e: Expected['pay'], g: Got['pay']): boolean {
  if (e === null || g === null) return e === g;
  return e.period === g.period && sameFigure(e.min, g.min) && sameFigure(e.max, g.max);
}

function showPay(p: Expected['pay'] | Got['pay']): string {
  return p === null ? 'null' : `${p.min ?? '—'}..${p.max ?? '—'}/${p.period}`;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

/** Scores one set of outputs (index-aligned with the corpus) against the labels. */
export function score(raws: unknown[], expected: Expected[], outputs: (Got | { error: string })[]): AccuracyReport {
  const misses: Miss[] = [];
  let payExact = 0;
  let stateRight = 0;
  const s = { tp: 0, fp: 0, fn: 0 };
  const perSetting: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const key of settingSchema.options) perSetting[key] = { tp: 0, fp: 0, fn: 0 };
  const peer = { tp: 0, fp: 0, fn: 0, tn: 0 };

  expected.forEach((exp, i) => {
    const out = outputs[i];
    const rawTitle = (raws[i] as { title?: unknown }).title;
    const title = typeof rawTitle === 'string' ? rawTitle : '';
    if (!out || 'error' in out) {
      // A posting the normaliser refused is wrong on every scored field.
      misses.push({ id: exp.id, title, field: 'error', expected: 'a posting', got: out ? out.error : 'no output' });
      s.fn += exp.settings.length;
      for (const k of exp.settings) perSetting[k]!.fn++;
      if (exp.isPeerRole) peer.fn++;
      else peer.tn++;
      return;
    }
    if (samePay(exp.pay, out.pay)) payExact++;
    else {
      const why = [out.payBasis && `basis=${out.payBasis}`, out.payInferred && 'inferred', out.payGrade && `grade=${out.payGrade}`, out.payRejectedReason && `rejected: ${out.payRejectedReason}`]
        .filter(Boolean)
        .join(', ');
      misses.push({ id: exp.id, title, field: 'pay', expected: showPay(exp.pay), got: showPay(out.pay) + (why ? ` (${why})` : '') });
    }

    const want = new Set<string>(exp.settings);
    const have = new Set(out.settings);
    for (const k of have) {
      if (want.has(k)) {
        s.tp++;
        perSetting[k]!.tp++;
      } else {
        s.fp++;
        if (perSetting[k]) perSetting[k].fp++;
      }
    }
    for (const k of want) {
      if (!have.has(k)) {
        s.fn++;
        perSetting[k]!.fn++;
      }
    }
    if ([...want].some((k) => !have.has(k)) || [...have].some((k) => !want.has(k))) {
      misses.push({ id: exp.id, title, field: 'settings', expected: [...want].sort().join(',') || '∅', got: [...have].sort().join(',') || '∅' });
    }

    if ((exp.state ?? null) === (out.state ?? null)) stateRight++;
    else misses.push({ id: exp.id, title, field: 'state', expected: String(exp.state), got: String(out.state) });

    if (exp.isPeerRole && out.isPeerRole) peer.tp++;
    else if (!exp.isPeerRole && out.isPeerRole) peer.fp++;
    else if (exp.isPeerRole && !out.isPeerRole) peer.fn++;
    else peer.tn++;
    if (exp.isPeerRole !== out.isPeerRole) {
      misses.push({ id: exp.id, title, field: 'isPeerRole', expected: String(exp.isPeerRole), got: String(out.isPeerRole) });
    }
  });

  const precision = ratio(s.tp, s.tp + s.fp);
  const recall = ratio(s.tp, s.tp + s.fn);
  const n = expected.length;
  return {
    postings: n,
    payExact,
    payExactRate: ratio(payExact, n),
    settings: { ...s, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) },
    perSetting,
    stateRate: ratio(stateRight, n),
    peer: { ...peer, precision: ratio(peer.tp, peer.tp + peer.fp), recall: ratio(peer.tp, peer.tp + peer.fn), accuracy: ratio(peer.tp + peer.tn, n) },
    misses,
  };
}

/** The library path: parseRawPosting then normalizePosting, one posting at a time. */
export function runLibrary(raws: unknown[]): (Got | { error: string })[] {
  return raws.map((input) => {
    const parsed = parseRawPosting(input);
    if (!parsed.ok) return { error: parsed.error.message };
    try {
      return factsOf(normalizePosting(parsed.raw, { now: NOW }));
    } catch (error) {
      return { error: `threw: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

const cliLineSchema = z.union([
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  z.object({
    isPeerRole: z.boolean(),
    settings: z.array(z.string()),
    pay: z.object({ min: z.number().nullable(), max: z.number().nullable(), period: z.string() }).nullable(),
    payBasis: z.string().nullable(),
    payInferred: z.boolean(),
    payGrade: z.string().nullable(),
    payRejectedReason: z.string().nullable(),
    location: z.object({ state: z.string().nullable() }),
  }),
]);

/** The graders' path: the corpus piped through `peerboard normalize`, one output line per input line. */
export function runCli(corpusDir: string = DEFAULT_CORPUS): (Got | { error: string })[] {
  const input = readFileSync(join(corpusDir, 'postings.jsonl'));
  const r = spawnSync(process.execPath, [join(here, '..', 'bin', 'peerboard.js'), 'normalize'], { input, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`peerboard normalize exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return r.stdout
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = cliLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) return { error: `unreadable CLI line: ${parsed.error.message}` };
      const o = parsed.data;
      if ('error' in o) return { error: `${o.error.code}: ${o.error.message}` };
      return {
        isPeerRole: o.isPeerRole,
        pay: o.pay,
        settings: o.settings,
        state: o.location.state,
        payBasis: o.payBasis,
        payInferred: o.payInferred,
        payGrade: o.payGrade,
        payRejectedReason: o.payRejectedReason,
      };
    });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function printReport(label: string, r: AccuracyReport): void {
  console.log(`normaliser accuracy (${label}), ${r.postings} hand-labelled postings`);
  console.log(`pay exact (min, max, period):   ${pct(r.payExactRate)}  (${r.payExact}/${r.postings})   target 95%`);
  console.log(
    `settings micro P / R / F1:      ${r.settings.precision.toFixed(3)} / ${r.settings.recall.toFixed(3)} / ${r.settings.f1.toFixed(3)}  (tp ${r.settings.tp}, fp ${r.settings.fp}, fn ${r.settings.fn})   target F1 0.85`,
  );
  console.log(`state exact:                    ${pct(r.stateRate)}`);
  console.log(
    `isPeerRole precision / recall:  ${r.peer.precision.toFixed(3)} / ${r.peer.recall.toFixed(3)}  (accuracy ${pct(r.peer.accuracy)}; tp ${r.peer.tp}, fp ${r.peer.fp}, fn ${r.peer.fn}, tn ${r.peer.tn})`,
  );
  const perSetting = Object.entries(r.perSetting)
    .map(([k, c]) => `${k} ${c.tp}/${c.fp}/${c.fn}`)
    .join('  ');
  console.log(`per setting tp/fp/fn: ${perSetting}`);
  console.log(`targets met: pay ${r.payExactRate >= 0.95 ? 'yes' : 'NO'}, settings ${r.settings.f1 >= 0.85 ? 'yes' : 'NO'}`);
  console.log(`misses (${r.misses.length}):`);
  for (const m of r.misses) console.log(`  ${m.id} ${m.field.padEnd(10)} expected ${m.expected}  got ${m.got}   [${m.title}]`);
}

/** Every corpus: the one the rules were tuned on, and the two written blind later. */
const ALL_CORPORA = [DEFAULT_CORPUS, join(dirname(DEFAULT_CORPUS), 'normalize-eval-2'), join(dirname(DEFAULT_CORPUS), 'normalize-eval-3')];

export async function run(options: { quick: boolean; cli?: boolean; corpus?: string }): Promise<void> {
  const dirs = options.corpus === undefined ? ALL_CORPORA : [resolve(options.corpus)];
  for (const dir of dirs) await runCorpus(dir, options);
}

async function runCorpus(corpusDir: string, options: { quick: boolean; cli?: boolean }): Promise<void> {
  const { raws, expected } = loadCorpus(corpusDir);
  const lib = runLibrary(raws);
  const report = score(raws, expected, lib);
  printReport(`library, ${relative(process.cwd(), corpusDir) || corpusDir}`, report);
  // The graders run the command, not the library: a full run also checks the two agree.
  if (options.cli ?? !options.quick) {
    const cli = runCli(corpusDir);
    if (cli.length !== raws.length) {
      console.log(`CLI printed ${cli.length} lines for ${raws.length} postings`);
      return;
    }
    const cliReport = score(raws, expected, cli);
    const differ = lib.filter((g, i) => JSON.stringify(g) !== JSON.stringify(cli[i])).length;
    console.log(`peerboard normalize: pay ${pct(cliReport.payExactRate)}, settings F1 ${cliReport.settings.f1.toFixed(3)}, state ${pct(cliReport.stateRate)}, peer P/R ${cliReport.peer.precision.toFixed(3)}/${cliReport.peer.recall.toFixed(3)}; ${differ} postings differ from the library`);
  }
}

// Run directly (`node bin/run-ts.js bench/normalize-accuracy.ts`): run-ts removes its own entry
// from argv, while bench/run-part.ts passes this file as argv[2] and calls run() itself.
const thisFile = fileURLToPath(import.meta.url);
const viaRunPart = process.argv.slice(2).some((a) => !a.startsWith('--') && resolve(a) === thisFile);
const direct = process.argv[1] !== undefined && (resolve(process.argv[1]) === thisFile || process.argv[1].endsWith('run-ts.js'));
if (direct && !viaRunPart) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--corpus');
  const corpus = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (corpus === undefined || corpus.startsWith('--'))) {
    console.error('usage: normalize-accuracy [--quick] [--cli | --no-cli] [--corpus DIR]');
    process.exit(2);
  }
  await run({ quick: args.includes('--quick'), cli: args.includes('--cli') ? true : args.includes('--no-cli') ? false : undefined, corpus });
}
