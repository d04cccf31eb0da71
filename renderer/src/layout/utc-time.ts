/** Times as the terminal shows them: UTC, to the second. */
export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
export const utcDateTime = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
