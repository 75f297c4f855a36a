import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, joinUrl, optionalNumber, optionalString } from '../answer-shapes.ts';
import { recordRun } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type LeverConfig = Extract<SourceConfig, { kind: 'lever' }>;

/**
 * Lever postings API (public): `GET {base}/{company}?mode=json` answers an array of postings with
 * `text`, `categories { team, location, commitment, allLocations }`, `description` (HTML),
 * `lists [{ text, content }]`, `additional`, `salaryRange`, `hostedUrl`, `createdAt` (epoch ms),
 * `workplaceType`. One answer holds the whole board, so the listing is the only handler; the
 * description is rebuilt the way Lever's hosted page shows it (intro, lists, closing).
 */
const postingSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().trim().min(1),
    categories: z
      .object({
        team: optionalString,
        department: optionalString,
        location: optionalString,
        commitment: optionalString,
        allLocations: z.array(z.string()).nullish(),
      })
      .loose()
      .nullish(),
    description: optionalString,
    descriptionPlain: optionalString,
    lists: z.array(z.object({ text: optionalString, content: optionalString }).loose()).nullish(),
    additional: optionalString,
    // Kept exactly as Lever sends it: the normaliser recognises the shape.
    // Lever leaves the field out when no range is set.
    salaryRange: z.unknown().optional(),
    salaryDescriptionPlain: optionalString,
    hostedUrl: optionalString,
    applyUrl: optionalString,
    createdAt: optionalNumber,
    workplaceType: optionalString,
  })
  .loose();
type LeverPosting = z.infer<typeof postingSchema>;
const salaryRangeSchema = z.object({ min: optionalNumber, max: optionalNumber }).loose();

export async function runLever(config: LeverConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const url = `${joinUrl(config.baseUrl, config.company)}?mode=json`;
    const answer = await run.fetchJson({ url }, { listing: true });
    if (!answer) return;
    if (!Array.isArray(answer.json)) {
      run.markIncomplete();
      run.error(url, 'not a Lever postings array');
      return;
    }
    for (const item of answer.json) {
      const posting = postingSchema.safeParse(item);
      if (!posting.success) {
        run.reject(url, 'invalid-posting', describeIssues(posting.error));
        continue;
      }
      run.add(toRawPosting(posting.data, config.employer ?? config.company));
    }
  });
}

function toRawPosting(p: LeverPosting, employer: string): RawPosting {
  const c = p.categories;
  const places = c?.allLocations?.filter((l) => l.trim() !== '') ?? [];
  const sections = [p.description ?? (p.descriptionPlain ? `<p>${escapeText(p.descriptionPlain)}</p>` : '')];
  for (const list of p.lists ?? []) {
    if (list.text) sections.push(`<h3>${escapeText(list.text)}</h3>`);
    if (list.content) sections.push(`<ul>${list.content}</ul>`);
  }
  if (p.additional) sections.push(p.additional);
  const description = sections.filter((s) => s !== '').join('\n');
  const range = salaryRangeSchema.safeParse(p.salaryRange);
  const salary = range.success && (range.data.min !== undefined || range.data.max !== undefined) ? p.salaryRange : undefined;
  return {
    sourceId: p.id,
    url: p.hostedUrl ?? p.applyUrl,
    title: p.text,
    employer,
    location: places.length > 1 ? places : (c?.location ?? places[0]),
    pay: p.salaryDescriptionPlain,
    description: description === '' ? undefined : description,
    datePosted: p.createdAt === undefined ? undefined : new Date(p.createdAt).toISOString(),
    employmentType: c?.commitment,
    workplace: p.workplaceType === 'unspecified' ? undefined : p.workplaceType,
    structuredPay: salary,
  };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
