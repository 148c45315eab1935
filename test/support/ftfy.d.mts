export const FTFY_FILES: string[];
export function ftfyExpected(item: { fixed: string; 'fixed-encoding'?: string }): string;
export function ftfyRepair(text: string): string;
