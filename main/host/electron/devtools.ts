/** DevTools open only when Blackbox is started with --devtools (never merely because it is unpackaged). */
export function devToolsEnabled(argv: readonly string[]): boolean {
  return argv.includes('--devtools');
}
