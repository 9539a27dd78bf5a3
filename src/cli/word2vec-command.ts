import type { Command } from 'commander';
export function registerWord2vec(_program: Command): void {}
