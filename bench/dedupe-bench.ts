/**
 * Cross-source dedupe (store/dedupe.ts, docs/decisions/042): precision and recall of the rule on
 * the labelled pairs in test/fixtures/dedupe/labelled-pairs.ts (same job / two jobs, hard cases
 * included), each pair normalised by the real normaliser first, then the speed of the pairwise
 * check, which ingest runs once per candidate that shares the dedupe key.
 */
import { normalizePosting } from '../scrapers/normalize/index.ts';
import type { NormalizedPosting } from '../schema/index.ts';
import { canonicalEmployer, canonicalPlace, canonicalTitle, dedupeFingerprint, sameJob } from '../store/dedupe.ts';
import { LABELLED_PAIRS, type LabelledPair } from '../test/fixtures/dedupe/labelled-pairs.ts';

const NOW = new Date('2025-05-20T12:00:00Z');

export interface PairJudgement {
  pair: LabelledPair;
  predicted: boolean;
  reason: string;
}

function normalized(raw: LabelledPair['a']): NormalizedPosting {
  return normalizePosting(raw, { now: NOW });
}

/** What ingest would decide for each pair: same dedupe key, and no stated fact differing. */
export function judgePairs(pairs: readonly LabelledPair[] = LABELLED_PAIRS): PairJudgement[] {
  return pairs.map((pair) => {
    const a = normalized(pair.a);
    const b = normalized(pair.b);
    const keyA = dedupeFingerprint(a, { source: pair.a.source ?? 'a', sourceId: pair.a.sourceId ?? 'a' });
    const keyB = dedupeFingerprint(b, { source: pair.b.source ?? 'b', sourceId: pair.b.sourceId ?? 'b' });
    if (keyA !== keyB) return { pair, predicted: false, reason: 'different key (employer or core title)' };
    const verdict = sameJob(a, b);
    return { pair, predicted: verdict.same, reason: verdict.reason };
  });
}

/**
 * The rule before issue 13, for comparison: one exact key of employer, place and title with the
 * employment type folded in, so a fact one side lacks (the city, the type) kept the job apart.
 */
export function judgePairsExactKey(pairs: readonly LabelledPair[] = LABELLED_PAIRS): PairJudgement[] {
  const key = (p: NormalizedPosting) =>
    `${canonicalEmployer(p.employer)}|${canonicalPlace(p.location)}|${canonicalTitle(p.title, { employmentType: p.employmentType, city: p.location.city, state: p.location.state })}`;
  return pairs.map((pair) => {
    const a = normalized(pair.a);
    const b = normalized(pair.b);
    const same = canonicalEmployer(a.employer) !== '' && key(a) === key(b);
    return { pair, predicted: same, reason: same ? 'equal exact key' : 'exact keys differ' };
  });
}

export function precisionRecall(judgements: readonly PairJudgement[]): { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const j of judgements) {
    if (j.predicted && j.pair.same) tp++;
    else if (j.predicted) fp++;
    else if (j.pair.same) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const judgements = judgePairs();
  const pr = precisionRecall(judgements);
  const same = LABELLED_PAIRS.filter((p) => p.same).length;
  console.log(`labelled pairs: ${LABELLED_PAIRS.length} (${same} same job, ${LABELLED_PAIRS.length - same} two jobs)`);
  console.log(`dedupe precision ${(pr.precision * 100).toFixed(1)}%  recall ${(pr.recall * 100).toFixed(1)}%  (tp ${pr.tp}, fp ${pr.fp}, fn ${pr.fn}, tn ${pr.tn})`);
  const before = precisionRecall(judgePairsExactKey());
  console.log(`before (one exact key with place and type): precision ${(before.precision * 100).toFixed(1)}%  recall ${(before.recall * 100).toFixed(1)}%`);
  for (const j of judgements) if (j.predicted !== j.pair.same) console.log(`  wrong: ${j.pair.name} -> ${j.predicted ? 'merged' : 'kept apart'} (${j.reason})`);

  // Speed of the pairwise check on normalised postings (descriptions included).
  const normalizedPairs = LABELLED_PAIRS.map((p) => [normalized(p.a), normalized(p.b)] as const);
  const rounds = quick ? 200 : 2000;
  const t0 = performance.now();
  let merged = 0;
  for (let r = 0; r < rounds; r++) for (const [a, b] of normalizedPairs) if (sameJob(a, b).same) merged++;
  const ms = performance.now() - t0;
  const checks = rounds * normalizedPairs.length;
  console.log(`sameJob: ${checks} checks in ${ms.toFixed(0)} ms = ${((ms * 1000) / checks).toFixed(1)} µs per candidate (${merged} merged)`);
}
