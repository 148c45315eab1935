export const FTFY_FILES: string[];
export function ftfyExpected(item: { fixed: string; 'fixed-encoding'?: string }): string;
export function ftfyRepair(text: string): string;
export const FTFY_OPTIONS: { punct: 'keep'; keepGlosses: true; fixWebDebris: false };
