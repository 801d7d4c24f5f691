/**
 * A Content-Disposition value for a download: `asciiFileName` for old clients, and the real name as an
 * RFC 5987 `filename*` in UTF-8.
 */
export function attachment(fileName: string, asciiFileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encoded}`;
}
