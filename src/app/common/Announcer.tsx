import '../../common/visually-hidden.css';

/**
 * A polite live region: screen readers read its text when it changes, after what they are saying. Give it one
 * message per final caption (never per token), or they would read a stream of fragments.
 */
export function Announcer({ message, testId }: { message: string; testId?: string }) {
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" role="status" data-testid={testId}>
      {message}
    </div>
  );
}
