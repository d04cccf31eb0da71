/** Scenario times are "HH:MM:SS" offsets from the scenario's start (DESIGN §12). */
const OFFSET = /^(\d{2,}):([0-5]\d):([0-5]\d)$/;

/** Milliseconds in an "HH:MM:SS" offset, or null when the text is not one. */
export function parseOffset(text: string): number | null {
  const m = OFFSET.exec(text);
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}
