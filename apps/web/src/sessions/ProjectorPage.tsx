import { App, Button, Spin, Typography } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { errorText, type Schemas } from '../api/client';
import { useCheckInCode, useRoster } from '../attendance/attendance.queries';
import { formatDateTimeWeekday, formatTime } from '../common/org-time';
import { SESSION_KIND_LABELS } from './labels';
import { useSession } from './sessions.queries';

/** How often the projector asks for the roster and the counts (polling: see apps/web/README.md). */
export const PROJECTOR_POLL_MS = 1500;

/** The URL a phone opens from the QR code: the check-in page with the current code. */
export function checkInUrl(origin: string, sessionId: string, code: string): string {
  return `${origin}/check-in/${sessionId}?code=${code}`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/**
 * The session and the roster poll independently; when the session's counts change (someone checked
 * in, or was excused), the roster is fetched at once so that the missing names move with the count.
 */
function useRosterFollowsCounts(sessionId: string, counts: Schemas['SessionCountsDto'] | undefined) {
  const queryClient = useQueryClient();
  const key = counts ? `${counts.present}/${counts.late}/${counts.excused}/${counts.absent}/${counts.expected}` : null;
  const previous = useRef(key);
  useEffect(() => {
    if (key !== null && previous.current !== null && key !== previous.current) void queryClient.invalidateQueries({ queryKey: ['attendance', sessionId] });
    previous.current = key;
  }, [key, queryClient, sessionId]);
}

/**
 * `/sessions/:id/screen`, for the projector in the room: the rotating QR code and 6-digit code with
 * a countdown, and 已签到 N / 应到 M with the names still missing, updated every 1.5 s.
 */
export default function ProjectorPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  // A toast from the page that opened the projector (e.g. 发布's 已发布) would sit over the title on
  // the big screen: the projector shows nothing but itself.
  useEffect(() => message.destroy(), [message]);
  const session = useSession(id, { refetchInterval: PROJECTOR_POLL_MS });
  const code = useCheckInCode(id);
  const roster = useRoster(id, PROJECTOR_POLL_MS);
  useRosterFollowsCounts(id, session.data?.counts);
  const now = useNow(250);
  const [qr, setQr] = useState<string | null>(null);
  const url = code.data ? checkInUrl(window.location.origin, id, code.data.code) : null;

  useEffect(() => {
    if (!url) return;
    let live = true;
    void QRCode.toDataURL(url, { width: 720, margin: 1, errorCorrectionLevel: 'M' }).then((d) => live && setQr(d));
    return () => {
      live = false;
    };
  }, [url]);

  const s = session.data;
  const counts = s?.counts;
  const checkedIn = counts ? counts.present + counts.late : 0;
  const due = counts ? counts.expected + counts.present + counts.late + counts.absent : 0;
  const missing = (roster.data?.items ?? []).filter((r) => r.status === 'expected');
  const missingMore = counts ? counts.expected - missing.length : 0;
  const secondsLeft = code.data ? Math.max(0, Math.ceil((new Date(code.data.expiresAt).getTime() - now) / 1000)) : 0;
  const error = session.error ?? code.error;

  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #8e0000, #b71c1c 55%, #7f0000)',
        color: '#fff',
        padding: '2vh 3vw',
        display: 'flex',
        flexDirection: 'column',
        gap: '2vh',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <div>
          <div style={{ fontSize: 'clamp(20px, 3.2vw, 44px)', fontWeight: 700 }} data-testid="projector-title">
            {s?.title ?? '签到'}
          </div>
          {s && (
            <div style={{ fontSize: 'clamp(14px, 1.6vw, 22px)', opacity: 0.85 }}>
              {SESSION_KIND_LABELS[s.kind]} · {formatDateTimeWeekday(s.startsAt)} – {formatTime(s.endsAt)}
              {s.location && ` · ${s.location}`}
            </div>
          )}
        </div>
        <Button ghost icon={<FullscreenOutlined />} onClick={() => void document.documentElement.requestFullscreen?.()}>
          全屏
        </Button>
      </div>
      {error ? (
        <Typography.Title level={3} style={{ color: '#fff' }}>
          无法显示签到码：{errorText(error)}
        </Typography.Title>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '3vw', alignItems: 'flex-start', flex: 1 }}>
          <div style={{ background: '#fff', borderRadius: 12, padding: 16, textAlign: 'center', color: '#222' }}>
            {qr ? (
              <img src={qr} alt="签到二维码" data-testid="check-in-qr" data-url={url ?? ''} style={{ width: 'min(60vh, 80vw)', height: 'min(60vh, 80vw)', display: 'block' }} />
            ) : (
              <div style={{ width: 'min(60vh, 80vw)', height: 'min(60vh, 80vw)', display: 'grid', placeItems: 'center' }}>
                <Spin />
              </div>
            )}
            <div style={{ fontSize: 'clamp(16px, 1.8vw, 24px)', marginTop: 8 }}>手机扫码签到，或在“活动详情”中输入签到码</div>
          </div>
          <div style={{ flex: 1, minWidth: 280, display: 'flex', flexDirection: 'column', gap: '2vh' }}>
            <div>
              <div style={{ fontSize: 'clamp(16px, 1.8vw, 26px)', opacity: 0.85 }}>签到码</div>
              <div style={{ fontSize: 'clamp(48px, 8vw, 120px)', fontWeight: 700, letterSpacing: '0.15em', fontFamily: 'monospace' }} data-testid="check-in-code">
                {code.data?.code ?? '······'}
              </div>
              <div style={{ fontSize: 'clamp(16px, 1.8vw, 26px)' }} data-testid="code-countdown">
                {secondsLeft} 秒后更新
              </div>
            </div>
            <div style={{ fontSize: 'clamp(28px, 4.5vw, 64px)', fontWeight: 700 }} data-testid="projector-count">
              已签到 <span data-testid="checked-in">{checkedIn}</span> / 应到 <span data-testid="due">{due}</span>
            </div>
            {counts && (
              <div style={{ fontSize: 'clamp(14px, 1.6vw, 22px)', opacity: 0.9 }}>
                准时 {counts.present} · 迟到 {counts.late} · 请假 {counts.excused}
              </div>
            )}
            <div>
              <div style={{ fontSize: 'clamp(16px, 1.8vw, 26px)', opacity: 0.85 }}>未签到（{counts?.expected ?? 0} 人）</div>
              <div style={{ fontSize: 'clamp(16px, 2vw, 28px)', lineHeight: 1.6 }} data-testid="missing-names">
                {missing.map((r) => r.displayName).join('、') || '全部到齐'}
                {missingMore > 0 && ` 等（另有 ${missingMore} 人）`}
              </div>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
