/** Runs one benchmark part (a `bench/*-bench.ts` file exporting `run`) in this process. */
import { pathToFileURL } from 'node:url';

interface BenchModule {
  run(options: { quick: boolean; showHeldBack?: boolean }): Promise<void>;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: run-part <bench file> [--quick]');
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as BenchModule;
await mod.run({ quick: process.argv.includes('--quick'), showHeldBack: process.argv.includes('--show-heldback') });
