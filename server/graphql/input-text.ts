import { z } from 'zod';
import { POSTING_TEXT_LIMITS } from '../../schema/index.ts';

/**
 * Checks on text the API accepts, and the wording of validation problems.
 *
 * GraphQL's `String` takes any JavaScript string: NUL bytes, terminal escape sequences, unpaired
 * UTF-16 surrogates (valid in JSON as `"\ud800"`, not valid Unicode: they turn into U+FFFD or
 * fail in whatever encodes them next: a CSV file, a log line, a search index, another language's
 * JSON parser). Text that is stored and shown to others (a job title, an employer's name, a
 * location) must also stay on one line, carry no bidirectional overrides (U+202E turns
 * "Peer Specialist \u202Efdp.exe" into a different-looking string: the Trojan Source trick) and no
 * HTML markup (it is plain text, and whoever renders it with innerHTML would run it).
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
/** Embeddings, overrides and isolates; the marks (U+200E/U+200F) that right-to-left text needs are allowed. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const MARKUP = /<\/?[A-Za-z!?][^<>]*>/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `text`: any valid Unicode without control characters; `display`: also one line, no bidi overrides, no markup. */
export type TextKind = 'text' | 'display';

function codePoint(s: string, re: RegExp): string {
  const ch = re.exec(s)?.[0] ?? '';
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with `s` as text of this kind, or null. */
export function textProblem(s: string, kind: TextKind): string | null {
  if (LONE_SURROGATE.test(s)) return `is not valid Unicode (an unpaired surrogate ${codePoint(s, LONE_SURROGATE)})`;
  if (CONTROL.test(s)) return `must not contain control characters (${codePoint(s, CONTROL)})`;
  if (kind === 'text') return null;
  if (LINE_BREAK.test(s)) return 'must be a single line';
  if (BIDI_CONTROL.test(s)) return `must not contain bidirectional override characters (${codePoint(s, BIDI_CONTROL)})`;
  if (MARKUP.test(s)) return 'plain text only: no HTML markup';
  return null;
}

/** A zod string check for {@link textProblem}. */
export function checkText(kind: TextKind) {
  return (s: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = textProblem(s, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/**
 * An http(s) URL with a domain name and no credentials, for links shown to job seekers
 * (`https://user:pass@host/` hides the real host from a hasty reader, and nobody needs it).
 */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(POSTING_TEXT_LIMITS.url, `at most ${POSTING_TEXT_LIMITS.url} characters`)
  .superRefine(checkText('display'))
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'an http(s) URL with a domain name' }))
  .refine((u) => {
    // zod runs this check even when z.url() has already refused the value; that refusal is the message then.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.username === '' && url.password === '';
  }, 'must not contain a user name or password');

interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
}

/**
 * zod issues as `path: message` lines, in the API's words. zod's defaults ("Invalid input:
 * expected number, received Infinity") describe the validator rather than the argument; the
 * cases a client can reach through GraphQL's own types are a non-finite number (GraphQL's Float
 * takes `1e400` as a literal and gives Infinity), an enum value and an unknown key (CSV parameters).
 */
export function formatInputIssues(issues: readonly IssueLike[]): string[] {
  const lines = issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    const what = issueMessage(issue);
    return where ? `${where}: ${what}` : what;
  });
  // Two checks of one field can fail with the same words (a pattern and a lookup): say it once.
  return [...new Set(lines)];
}

function issueMessage(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return 'must be a finite number';
      if (issue.expected === 'string') return 'must be a string';
      if (issue.expected === 'boolean') return 'must be true or false';
      if (issue.expected === 'array') return 'must be a list';
      if (issue.expected === 'object') return 'must be an object';
      return 'has the wrong type';
    case 'invalid_value':
      return issue.values?.length ? `one of ${issue.values.map((v) => String(v).toUpperCase()).join(', ')}` : issue.message;
    case 'unrecognized_keys':
      return `unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}`;
    default:
      return issue.message;
  }
}
