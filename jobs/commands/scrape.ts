import type { Command } from './command.ts';

export const command: Command = {
  name: 'scrape',
  summary: '(not yet built)',
  usage: 'peerboard scrape',
  async run(_args, io) {
    io.stderr.write('peerboard scrape: not yet built\n');
    return 1;
  },
};
