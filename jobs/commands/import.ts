import type { Command } from './command.ts';

export const command: Command = {
  name: 'import',
  summary: '(not yet built)',
  usage: 'peerboard import',
  async run(_args, io) {
    io.stderr.write('peerboard import: not yet built\n');
    return 1;
  },
};
