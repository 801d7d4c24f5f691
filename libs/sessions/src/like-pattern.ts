/** `%text%` for ILIKE with the wildcards of `text` escaped (default escape character `\`). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
