import { useMemo } from 'react';
import { wordDiff } from './word-diff';

/**
 * A caption with the words that differ from another one marked: `show="after"` renders the new caption with
 * added words highlighted (<mark>), `show="before"` the old one with removed words struck (<del>). Words that
 * only moved are plain in both.
 */
export function CaptionDiff({ before, after, show }: { before: string; after: string; show: 'before' | 'after' }) {
  const parts = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <>
      {parts.map((part, i) => {
        const shown = part.kind === 'same' || part.kind === (show === 'after' ? 'added' : 'removed');
        if (!shown) return null;
        if (part.kind === 'same' || part.moved) return <span key={i}>{part.text}</span>;
        if (part.kind === 'added') return <Changed key={i} text={part.text} tag="mark" />;
        return <Changed key={i} text={part.text} tag="del" />;
      })}
    </>
  );
}

/** The leading space stays outside the highlight, so marks hug their word. */
function Changed({ text, tag: Tag }: { text: string; tag: 'mark' | 'del' }) {
  const word = text.trimStart();
  const space = text.slice(0, text.length - word.length);
  return (
    <>
      {space}
      <Tag className="diff-changed">{word}</Tag>
    </>
  );
}
