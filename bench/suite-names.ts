/** The benchmark suites by name, without loading them (the CLI lists them in its usage). */
export const SUITE_NAMES = ['ui', 'journal', 'sim', 'adapter', 'venues', 'replay', 'order', 'reconcile', 'export', 'soak'] as const;
