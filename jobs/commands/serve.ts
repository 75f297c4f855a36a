import type { Command } from './command.ts';

export const command: Command = {
  name: 'serve',
  summary: '(not yet built)',
  usage: 'peerboard serve',
  async run(_args, io) {
    io.stderr.write('peerboard serve: not yet built\n');
    return 1;
  },
};
