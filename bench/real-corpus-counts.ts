/**
 * The count tables of test/fixtures/normalize-real/README.md, printed from the part folders so the
 * README never drifts from the files: per part, per state, per setting, per pay period (postings
 * and phrases) and per page type.
 *
 *   node bin/run-ts.js bench/real-corpus-counts.ts
 */
import { isHeldBack, loadRealCorpus, REAL_CORPUS } from './normalize-accuracy.ts';

const corpus = loadRealCorpus(REAL_CORPUS);

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => (a[0] === '(none)' ? -1 : b[0] === '(none)' ? 1 : a[0].localeCompare(b[0])))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

console.log('| part | postings | peer | look-alike | pay phrases |\n| --- | --- | --- | --- | --- |');
const rows: [string, number, number, number][] = corpus.parts.map((part) => {
  const labels = corpus.expected.filter((_, i) => corpus.partOf[i] === part);
  const peer = labels.filter((e) => e.isPeerRole).length;
  const phrases = corpus.phrasePartOf.filter((p) => p === part).length;
  return [part, labels.length, peer, phrases];
});
for (const [part, n, peer, phrases] of rows) console.log(`| ${part} | ${n} | ${peer} | ${n - peer} | ${phrases} |`);
const all = rows.reduce((s, [, n, peer, phrases]) => ({ n: s.n + n, peer: s.peer + peer, phrases: s.phrases + phrases }), { n: 0, peer: 0, phrases: 0 });
console.log(`| all | ${all.n} | ${all.peer} | ${all.n - all.peer} | ${all.phrases} |\n`);

const held = corpus.expected.filter((e) => isHeldBack(e.id));
const heldPhrases = corpus.phrases.filter((p) => isHeldBack(p.id));
console.log(
  `Held-back split: ${held.length} postings (${held.filter((e) => e.isPeerRole).length} peer), ${heldPhrases.length} pay phrases; tuning split: ${corpus.expected.length - held.length} postings, ${corpus.phrases.length - heldPhrases.length} pay phrases.\n`,
);
const states = corpus.expected.map((e) => e.state ?? '(none)');
console.log(`States (${new Set(states.filter((s) => s !== '(none)')).size} distinct): ${tally(states)}\n`);
const settings = corpus.expected.flatMap((e) => (e.settings.length ? e.settings : ['(none)']));
console.log(`Settings (postings per setting, multi-label): ${tally(settings)}\n`);
console.log(`Pay period of postings: ${tally(corpus.expected.map((e) => e.pay?.period ?? '(no pay)'))}\n`);
console.log(`Pay period of pay phrases: ${tally(corpus.phrases.map((p) => p.expected?.period ?? '(no pay)'))}\n`);
const sources = corpus.raws.map((r) => {
  const s = (r as { source?: unknown } | null)?.source;
  return typeof s === 'string' ? s : '(none)';
});
console.log(`Page types (postings): ${tally(sources)}`);
