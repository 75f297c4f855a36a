import type { Command } from './command.ts';

export const command: Command = {
  name: 'reindex',
  summary: '(not yet built)',
  usage: 'peerboard reindex',
  async run(_args, io) {
    io.stderr.write('peerboard reindex: not yet built\n');
    return 1;
  },
};
