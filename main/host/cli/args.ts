import { UsageError } from './command';

/** Splits `--flag value` / `--switch` options from positionals; unknown flags are bad input. `repeated` flags may come many times. */
export function parseArgs(
  args: string[],
  spec: { values?: string[]; switches?: string[]; repeated?: string[] },
): { positionals: string[]; values: Record<string, string>; switches: Set<string>; lists: Record<string, string[]> } {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (spec.switches?.includes(name)) switches.add(name);
    else if (spec.repeated?.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      (lists[name] ??= []).push(value);
    } else if (spec.values?.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      values[name] = value;
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return { positionals, values, switches, lists };
}
