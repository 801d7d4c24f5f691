import { ApiError } from '../api/client';

/** The file name the api gives (`filename*=UTF-8''…`, Chinese), else a Chinese one of our own. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition ?? '')?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      /* fall through */
    }
  }
  return fallback;
}

/**
 * Awaits an api call made with `parseAs: 'blob'` (so with the bearer token) and saves its body as a
 * download; returns the file name, or throws an ApiError with the api's message.
 */
export async function saveDownload(request: Promise<{ data?: Blob; response: Response }>, fallbackName: string): Promise<string> {
  const { data, response } = await request;
  if (!response.ok || !data) {
    let message = `导出失败（${response.status}）`;
    try {
      message = (JSON.parse(await data?.text?.() ?? '') as { message?: string }).message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, message);
  }
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
