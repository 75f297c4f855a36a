import type { Command } from './command.ts';

export const command: Command = {
  name: 'runs',
  summary: '(not yet built)',
  usage: 'peerboard runs',
  async run(_args, io) {
    io.stderr.write('peerboard runs: not yet built\n');
    return 1;
  },
};
