import type { Command } from './command.ts';

export const command: Command = {
  name: 'demo',
  summary: '(not yet built)',
  usage: 'peerboard demo',
  async run(_args, io) {
    io.stderr.write('peerboard demo: not yet built\n');
    return 1;
  },
};
