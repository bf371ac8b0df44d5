// Where the page's script writes a text field's character count ("37 / 5000"). Rendered empty by the server, its
// line already kept (review-page-styles.ts), so the count appearing moves nothing on the page (no layout shift).
export function CounterSlot({ forId }: { forId: string }) {
  return <p className="rp-counter" data-counter-for={forId} aria-live="polite" />;
}
