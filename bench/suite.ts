/** A benchmark group; `npm run bench -- --json` merges every suite's metrics into one object. */
export interface BenchSuite {
  name: string;
  run(options: { quick: boolean }): Promise<Record<string, number | string | boolean>>;
}
