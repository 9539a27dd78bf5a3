import type { Command } from 'commander';
export function registerVectorCommands(_program: Command): void {}
