// The review page's styles for the voice-of-the-customer parts (the store question's scales, Smart Prompts'
// chips), inlined beside the page's own stylesheet (review-page-styles.ts), with its custom properties.
export const VOC_PAGE_CSS = `.rp-store h2{font-size:1.1rem;margin:0 0 4px}
.rp-scale{display:grid;gap:4px}
.rp-scale label{display:grid;place-items:center;min-height:44px;border:1px solid #8c9196;border-radius:8px;background:#fff;cursor:pointer;font-weight:600;font-variant-numeric:tabular-nums;-webkit-tap-highlight-color:transparent}
.rp-scale input:focus-visible+span{outline:3px solid var(--brand);outline-offset:4px;border-radius:4px}
.rp-scale label:has(input:checked){background:var(--brand);border-color:var(--brand);color:#fff}
.rp-scale-ends{display:flex;justify-content:space-between;gap:8px;font-size:.85rem;color:var(--muted);margin:4px 0 0}
.rp-prompts{margin:8px 0 0;font-size:.9rem;color:var(--muted)}
.rp-prompts p{margin:0 0 6px}
.rp-chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.rp-chip{display:inline-flex;align-items:center;gap:4px;min-height:32px;padding:4px 12px;border:1px dashed #8c9196;border-radius:999px;background:#fff;color:var(--ink)}
.rp-chip[data-covered=true]{border-style:solid;border-color:var(--brand);background:color-mix(in srgb,var(--brand) 10%,#fff)}
.rp-chip[data-covered=true]::before{content:"✓";color:var(--brand);font-weight:700}
.rp-chip-state{font-size:.8rem;color:var(--brand)}
`;
