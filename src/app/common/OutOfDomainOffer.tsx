/**
 * Shown where a caption would be when the model said the picture lies outside what it knows (the result's
 * `outOfDomain` flag): its sentence, and a button back to the default (real-world) model. The UI reads the flag
 * only; which captioner ran and why it refused stay in src/core.
 */
export function OutOfDomainOffer({
  sentence,
  onUseDefaultModel,
  testId,
}: {
  /** The caption the model gave instead (its fixed sentence). */
  sentence: string;
  /** Switches the app to the default model; null (no model picker) hides the button. */
  onUseDefaultModel: (() => void) | null;
  testId: string;
}) {
  return (
    <div className="notice out-of-domain" data-testid={testId}>
      <p data-testid={`${testId}-text`}>{sentence}</p>
      {onUseDefaultModel && (
        <button type="button" onClick={onUseDefaultModel}>
          Use the real-world model
        </button>
      )}
    </div>
  );
}
