/** A place a later issue fills in. */
export function PlaceholderView({ title, blurb }: { title: string; blurb: string }) {
  return (
    <section aria-labelledby="view-title" className="view">
      <h2 id="view-title">{title}</h2>
      <p>{blurb}</p>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
