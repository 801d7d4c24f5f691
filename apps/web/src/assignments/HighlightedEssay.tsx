import type { Segment } from './shared-passages';

/** An essay with its shared passages marked (<mark>), line breaks kept. */
export function HighlightedEssay({ segments, testId }: { segments: Segment[]; testId: string }) {
  return (
    <div data-testid={testId} style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, fontSize: 15, maxHeight: '60vh', overflowY: 'auto' }}>
      {segments.map((s, i) =>
        s.shared ? (
          <mark key={i} data-testid="shared-passage" style={{ background: '#ffd591', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </div>
  );
}
