// The one command list (src/cli/commands/index.ts): it names every command module, its
// overview lines equal what the modules register, and only the command being run is loaded.
import { Command, Help } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { commandName } from '../../src/cli/main';
import { runCli } from '../replay/cli-harness';
import { loadedModules, spawnCli } from './spawn-cli';

const DIR = path.join(__dirname, '../../src/cli/commands');
const NOT_COMMANDS = ['index.ts', 'module.ts'];

describe('command list', () => {
  test('every command file has one entry, in name order, and nothing else does', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NOT_COMMANDS.includes(f)).map((f) => f.slice(0, -3));
    expect(COMMANDS.map((c) => c.name)).toEqual([...files].sort());
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))('%s: the entry matches what its module registers', async (name, c) => {
    const program = new Command('zram-ref');
    (await c.load()).register(program, () => undefined);
    expect(program.commands.map((x) => x.name())).toEqual([name]);
    const cmd = program.commands[0];
    expect(c.summary).toBe(cmd.description());
    expect([c.name, c.usage].filter((w) => w !== '').join(' ')).toBe(new Help().subcommandTerm(cmd));
  });

  test('--help lists every command as the modules describe them', async () => {
    const program = new Command('zram-ref').option('--debug', 'show the stack trace of an error');
    for (const c of COMMANDS) (await c.load()).register(program, () => undefined);
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of program.commands) {
      const first = new Help().subcommandDescription(c).split(' ').slice(0, 4).join(' ');
      expect(r.stdout).toContain(`  ${new Help().subcommandTerm(c)}`);
      expect(r.stdout).toContain(first);
    }
  });

  test('commandName skips program options and sees through `help NAME`', () => {
    expect(commandName(['--debug', 'replay', 'x'])).toBe('replay');
    expect(commandName(['help', 'diff'])).toBe('diff');
    expect(commandName(['-V'])).toBeUndefined();
    expect(commandName(['--', 'replay'])).toBeUndefined();
  });
});

describe('lazy loading (child processes)', () => {
  const commandModules = (args: string[]): string[] =>
    loadedModules(spawnCli(args, { ZRAM_REF_TEST_MODULES: '1' })).filter((f) => f.startsWith('src/cli/commands/'))
      .filter((f) => !NOT_COMMANDS.includes(path.basename(f))).sort();

  test('-V loads no command module and prints the version', () => {
    const r = spawnCli(['-V'], { ZRAM_REF_TEST_MODULES: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(loadedModules(r).filter((f) => f.startsWith('src/cli/commands/') && !f.endsWith('index.ts'))).toEqual([]);
  });

  test('--help loads no command module', () => {
    expect(commandModules(['--help'])).toEqual([]);
  });

  test('a command loads its own module only', () => {
    expect(commandModules(['diff', '--help'])).toEqual(['src/cli/commands/diff.ts']);
    expect(commandModules(['help', 'latency'])).toEqual(['src/cli/commands/latency.ts']);
  });
});
