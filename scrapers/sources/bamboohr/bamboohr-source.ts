import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { OffHostRedirectError } from '../../http/index.ts';
import { describeIssues, idString, optionalString } from '../answer-shapes.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type BambooConfig = Extract<SourceConfig, { kind: 'bamboohr' }>;

/**
 * BambooHR careers pages (`https://{company}.bamboohr.com/careers`) read two JSON answers:
 *   GET /careers/list        → { meta: { totalCount }, result: [{ id: "42", jobOpeningName, departmentLabel,
 *                               employmentStatusLabel, location { city, state }, atsLocation { city, state,
 *                               province, country }, isRemote, locationType: "0" | "1" | "2" }] }
 *   GET /careers/{id}/detail → { result: { jobOpening: { jobOpeningName, jobOpeningShareUrl, description (HTML),
 *                               datePosted "2025-05-02", compensation "$20 - $24 per hour" | null, location,
 *                               employmentStatusLabel, ... } } }
 * The whole board comes in one list (no paging). Pay exists only as `compensation` text on the
 * detail. An unknown company is redirected to www.bamboohr.com (another host, never followed).
 * `locationType`: "0" on site, "1" hybrid, "2" remote.
 */
const placeSchema = z
  .object({ city: optionalString, state: optionalString, province: optionalString, country: optionalString, addressCountry: optionalString, postalCode: optionalString })
  .loose()
  .nullish();

const listItemSchema = z
  .object({
    id: idString,
    jobOpeningName: z.string().trim().min(1),
    departmentLabel: optionalString,
    employmentStatusLabel: optionalString,
    location: placeSchema,
    atsLocation: placeSchema,
    isRemote: z.union([z.boolean(), z.string(), z.number()]).nullish(),
    locationType: z.union([z.string(), z.number()]).nullish(),
  })
  .loose();
type ListItem = z.infer<typeof listItemSchema>;

const listSchema = z.object({ result: z.array(z.unknown()) }).loose();

const detailSchema = z
  .object({
    result: z.object({
      jobOpening: z
        .object({
          jobOpeningName: optionalString,
          jobOpeningShareUrl: optionalString,
          jobOpeningStatus: optionalString,
          description: optionalString,
          datePosted: optionalString,
          compensation: optionalString,
          employmentStatusLabel: optionalString,
          location: placeSchema,
          atsLocation: placeSchema,
          isRemote: z.union([z.boolean(), z.string(), z.number()]).nullish(),
          locationType: z.union([z.string(), z.number()]).nullish(),
        })
        .loose(),
    }),
  })
  .loose();
type Opening = z.infer<typeof detailSchema>['result']['jobOpening'];

export async function runBambooHr(config: BambooConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const origin = (config.baseUrl ?? `https://${config.company}.bamboohr.com`).replace(/\/+$/, '');
    const items = await readListing(run, config, origin);
    for (const item of items) {
      if (run.stopping) break;
      run.add(await readDetail(run, config, origin, item));
    }
  });
}

async function readListing(run: SourceRunRecorder, config: BambooConfig, origin: string): Promise<ListItem[]> {
  const url = `${origin}/careers/list`;
  const answer = await run.fetchJson(
    { url },
    {
      listing: true,
      explain: (e) =>
        e instanceof OffHostRedirectError || e.status === 404 ? `no BambooHR careers site for company "${config.company}" (BambooHR sends unknown companies to its own home page)` : undefined,
    },
  );
  if (!answer) return [];
  const parsed = listSchema.safeParse(answer.json);
  if (!parsed.success) {
    run.markIncomplete();
    run.error(url, `not a BambooHR job list: ${describeIssues(parsed.error)}`);
    return [];
  }
  const items: ListItem[] = [];
  for (const raw of parsed.data.result) {
    const item = listItemSchema.safeParse(raw);
    if (item.success) items.push(item.data);
    else run.reject(url, 'invalid-job', describeIssues(item.error));
  }
  return items;
}

async function readDetail(run: SourceRunRecorder, config: BambooConfig, origin: string, item: ListItem): Promise<RawPosting> {
  const base = toRawPosting(config, origin, item, null);
  const url = `${origin}/careers/${encodeURIComponent(item.id)}/detail`;
  const answer = await run.fetchJson({ url }, { listing: false });
  if (!answer) return base;
  const detail = detailSchema.safeParse(answer.json);
  if (!detail.success) {
    run.error(url, `not a BambooHR job opening: ${describeIssues(detail.error)}`);
    return base;
  }
  return toRawPosting(config, origin, item, detail.data.result.jobOpening);
}

function place(p: z.infer<typeof placeSchema>): { city?: string; state?: string; postalCode?: string; country?: string } | undefined {
  if (!p) return undefined;
  const state = p.state ?? p.province;
  if (!p.city && !state) return undefined;
  const out: { city?: string; state?: string; postalCode?: string; country?: string } = {};
  if (p.city) out.city = p.city;
  if (state) out.state = state;
  if (p.postalCode) out.postalCode = p.postalCode;
  const country = p.country ?? p.addressCountry;
  if (country) out.country = country;
  return out;
}

function workplaceOf(isRemote: unknown, locationType: string | number | null | undefined): string | undefined {
  const type = locationType === null || locationType === undefined ? '' : String(locationType);
  if (type === '2' || isRemote === true || (typeof isRemote === 'string' && /^(?:yes|true|1)$/i.test(isRemote))) return 'remote';
  if (type === '1') return 'hybrid';
  if (type === '0') return 'onsite';
  return undefined;
}

function toRawPosting(config: BambooConfig, origin: string, item: ListItem, opening: Opening | null): RawPosting {
  return {
    sourceId: item.id,
    url: opening?.jobOpeningShareUrl ?? `${origin}/careers/${encodeURIComponent(item.id)}`,
    title: item.jobOpeningName,
    employer: config.employer ?? config.company,
    location: place(opening?.location) ?? place(item.location) ?? place(opening?.atsLocation) ?? place(item.atsLocation),
    pay: opening?.compensation,
    description: opening?.description,
    datePosted: opening?.datePosted,
    employmentType: opening?.employmentStatusLabel ?? item.employmentStatusLabel,
    workplace: workplaceOf(opening?.isRemote ?? item.isRemote, opening?.locationType ?? item.locationType),
  };
}
