import type { PayPeriod } from '../../schema/index.ts';

/**
 * What the pay parsers return before conversion: the figures as the posting states them.
 * `min`/`max` are null for "Up to X" (no min) and "Starting at X" (no max); a single figure
 * sets both. `inferred` is true when no period was written and it was guessed from magnitude.
 */
export interface PayParse {
  min: number | null;
  max: number | null;
  period: PayPeriod;
  currency: string;
  inferred: boolean;
  /** A pay grade code seen near the figures ("GS-0303-07", "Grade 14"), or null. */
  grade: string | null;
  /** The text the figures were read from, when they came from text. */
  text: string | null;
}
