export function electronBinary(root?: string): { path: string | null; why: string | null };
