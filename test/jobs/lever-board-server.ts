import { json, startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';

/**
 * Lever's public postings API (`GET /v0/postings/{company}?mode=json`) on the shared fixture
 * server, with boards tests can change between runs, slow down, or take away. The postings have
 * Lever's real shape (text, categories, description, lists, salaryRange, hostedUrl, createdAt...).
 */
export interface LeverPosting {
  id: string;
  text: string;
  categories: { commitment?: string; department?: string; location?: string; team?: string; allLocations?: string[] };
  createdAt: number;
  description: string;
  descriptionPlain: string;
  lists: { text: string; content: string }[];
  additional: string;
  hostedUrl: string;
  applyUrl: string;
  workplaceType: 'onsite' | 'remote' | 'hybrid' | 'unspecified';
  salaryRange?: { currency: string; interval: string; min: number; max: number };
}

export interface LeverBoardServer {
  origin: string;
  fixtures: FixtureServer;
  /** Lists these postings on the company's board from now on; `null` takes the board away (404). */
  setBoard(company: string, postings: LeverPosting[] | null): void;
  /** Answer listing requests only after this many milliseconds. */
  delayMs: number;
  /** Called when a listing request arrives (before the delay). */
  onListingRequest?: (company: string) => void;
  close(): Promise<void>;
}

export async function startLeverBoardServer(): Promise<LeverBoardServer> {
  const fixtures = await startFixtureServer();
  const boards = new Map<string, LeverPosting[]>();
  const server: LeverBoardServer = {
    origin: fixtures.origin,
    fixtures,
    delayMs: 0,
    setBoard(company, postings) {
      const path = `/v0/postings/${company}`;
      if (postings === null) {
        boards.delete(company);
        fixtures.route(path, { status: 404, headers: { 'content-type': 'application/json' }, body: '{"ok":false,"error":"Document not found"}' });
        return;
      }
      boards.set(company, postings);
      fixtures.route(path, () => {
        server.onListingRequest?.(company);
        return { ...json(boards.get(company) ?? []), delayMs: server.delayMs };
      });
    },
    close: () => fixtures.close(),
  };
  return server;
}

const DAY = 86_400_000;

/** A peer posting as Lever answers it; `n` varies the title, place and pay. */
export function peerPosting(company: string, id: string, title: string, options: { city?: string; min?: number; max?: number; daysAgo?: number } = {}): LeverPosting {
  const city = options.city ?? 'Pittsburgh, PA';
  const min = options.min ?? 18;
  const max = options.max ?? 22;
  const intro = `<div>Use your lived experience of recovery from mental health or substance use challenges to support adults in our outpatient program in ${city}.</div>`;
  return {
    id,
    text: title,
    categories: { commitment: 'Full-time', department: 'Recovery Services', location: city, team: 'Peer Support', allLocations: [city] },
    createdAt: Date.UTC(2026, 9, 1) - (options.daysAgo ?? 3) * DAY,
    description: intro,
    descriptionPlain: intro.replace(/<[^>]+>/g, ''),
    lists: [
      { text: 'Responsibilities', content: '<li>One-to-one peer support and recovery planning (WRAP)</li><li>Co-facilitate recovery groups</li>' },
      { text: 'Requirements', content: '<li>Lived experience of recovery (required)</li><li>Certified Peer Specialist (CPS) or able to certify within 6 months of hire</li>' },
    ],
    additional: '<div>We are an equal opportunity employer.</div>',
    hostedUrl: `https://jobs.lever.co/${company}/${id}`,
    applyUrl: `https://jobs.lever.co/${company}/${id}/apply`,
    workplaceType: 'onsite',
    salaryRange: { currency: 'USD', interval: 'per-hour-wage', min, max },
  };
}
