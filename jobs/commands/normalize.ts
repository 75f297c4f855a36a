import type { Command } from './command.ts';

export const command: Command = {
  name: 'normalize',
  summary: '(not yet built)',
  usage: 'peerboard normalize',
  async run(_args, io) {
    io.stderr.write('peerboard normalize: not yet built\n');
    return 1;
  },
};
