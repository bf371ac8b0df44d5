// The shopper pages' stylesheet: small, system fonts, no external requests, phone first. It is inlined in
// the page (one round trip less on a slow mobile connection); the shop's colour comes in as a custom
// property and is validated as #rrggbb before it gets here (app/modules/reviews/review-page.server.ts).
export function reviewPageCss(brandColor: string): string {
  const brand = /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : "#1f5135";
  return `:root{--brand:${brand};--ink:#1c1d1f;--muted:#5c5f62;--line:#d2d5d8;--bg:#f6f6f7;--card:#fff;--error:#b3261e;--star:#e8a10c;--star-off:#c9ccd0}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.rp-header{background:var(--brand);color:#fff;padding:14px 16px}
.rp-header p{margin:0;font-weight:600;font-size:1.05rem;max-width:40rem;margin-inline:auto}
.rp-main{max-width:40rem;margin:0 auto;padding:16px 12px 40px}
h1{font-size:1.4rem;line-height:1.25;margin:8px 4px 6px}
.rp-intro{margin:0 4px 16px;color:var(--muted)}
.rp-card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px;margin:0 0 16px}
.rp-product{display:flex;gap:12px;align-items:center;margin-bottom:8px}
.rp-product img{width:64px;height:64px;object-fit:cover;border-radius:8px;background:var(--bg);flex:none}
.rp-product h2{font-size:1.1rem;margin:0;line-height:1.3}
.rp-note{font-size:.9rem;color:var(--muted);margin:4px 0 0}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;font-weight:600;margin-bottom:4px}
.rp-field{margin-top:14px}
.rp-field>label{display:block;font-weight:600;margin-bottom:4px}
.rp-hint{font-size:.9rem;color:var(--muted);margin:0 0 6px}
input[type=text],textarea{width:100%;font:inherit;font-size:16px;padding:12px;border:1px solid #8c9196;border-radius:8px;background:#fff;color:var(--ink)}
textarea{min-height:7.5rem;resize:vertical}
input[type=text]:focus,textarea:focus{outline:3px solid color-mix(in srgb,var(--brand) 45%,transparent);outline-offset:1px;border-color:var(--brand)}
[aria-invalid=true]{border-color:var(--error)!important}
.rp-counter{font-size:.85rem;color:var(--muted);text-align:right;margin:2px 0 0}
.rp-error{color:var(--error);font-weight:600;margin:6px 0 0;display:flex;gap:6px;align-items:flex-start}
.rp-error::before{content:"!";display:inline-grid;place-items:center;flex:none;width:1.25rem;height:1.25rem;border-radius:50%;background:var(--error);color:#fff;font-size:.8rem;margin-top:.15rem}
.rp-summary{border:2px solid var(--error);background:#fff4f4;border-radius:12px;padding:12px 16px;margin:0 0 16px;font-weight:600}
.rp-summary:focus{outline:3px solid var(--error);outline-offset:2px}
.rp-vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.rp-stars{display:flex;gap:2px}
.rp-stars label{display:grid;place-items:center;width:52px;height:52px;cursor:pointer;border-radius:8px;-webkit-tap-highlight-color:transparent}
.rp-stars svg{width:40px;height:40px;fill:var(--star-off);transition:fill .1s}
.rp-stars input:focus-visible+label{outline:3px solid var(--brand);outline-offset:-2px}
.rp-stars input:checked+label svg{fill:var(--star)}
.rp-stars:has(input[value="2"]:checked) label:nth-of-type(-n+2) svg,.rp-stars:has(input[value="3"]:checked) label:nth-of-type(-n+3) svg,.rp-stars:has(input[value="4"]:checked) label:nth-of-type(-n+4) svg,.rp-stars:has(input[value="5"]:checked) label:nth-of-type(-n+5) svg{fill:var(--star)}
.rp-stars[data-value="1"] label:nth-of-type(-n+1) svg,.rp-stars[data-value="2"] label:nth-of-type(-n+2) svg,.rp-stars[data-value="3"] label:nth-of-type(-n+3) svg,.rp-stars[data-value="4"] label:nth-of-type(-n+4) svg,.rp-stars[data-value="5"] label:nth-of-type(-n+5) svg{fill:var(--star)}
@media (prefers-reduced-motion:reduce){.rp-stars svg{transition:none}}
.rp-stars[data-invalid=true] svg{stroke:var(--error);stroke-width:1px}
.rp-choice{display:flex;flex-wrap:wrap;gap:8px}
.rp-choice label{display:flex;align-items:center;gap:8px;min-height:44px;padding:8px 14px;border:1px solid #8c9196;border-radius:999px;cursor:pointer;background:#fff}
.rp-choice input{width:20px;height:20px;margin:0;accent-color:var(--brand)}
.rp-choice label:has(input:checked){border-color:var(--brand);box-shadow:inset 0 0 0 1px var(--brand)}
.rp-done{color:var(--muted);font-weight:600;margin:8px 0 0}
.rp-submit{display:block;width:100%;min-height:52px;font:inherit;font-size:1.1rem;font-weight:700;color:#fff;background:var(--brand);border:0;border-radius:10px;cursor:pointer;margin-top:8px}
.rp-submit:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
.rp-submit[disabled]{opacity:.7}
.rp-verified{font-size:.9rem;color:var(--muted);text-align:center;margin:10px 0 0}
.rp-message{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:24px 16px;text-align:center}
.rp-message h1{margin-top:0}
.rp-message p{margin:8px 0 0}
.rp-media{border-top:1px solid var(--line);margin-top:16px}
input[type=file]{display:block;width:100%;font:inherit;font-size:15px;padding:10px;border:1px dashed #8c9196;border-radius:8px;background:var(--bg)}
.rp-previews{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:8px}
.rp-previews:empty{display:none}
.rp-preview{position:relative;width:96px}
.rp-preview img,.rp-preview video,.rp-preview-name{width:96px;height:96px;object-fit:cover;border-radius:8px;display:grid;place-items:center;background:var(--bg);font-size:.75rem;overflow:hidden;word-break:break-all;text-align:center}
.rp-preview progress{width:96px;height:6px;display:block;margin-top:4px;accent-color:var(--brand)}
.rp-preview progress[hidden]{display:none}
.rp-sending .rp-preview-remove{display:none}
.rp-preview-remove{position:absolute;top:4px;right:4px;min-height:32px;padding:4px 8px;border:0;border-radius:999px;background:rgba(0,0,0,.7);color:#fff;font:inherit;font-size:.8rem;cursor:pointer}
.rp-link{display:inline-block;margin-top:16px;color:var(--brand);font-weight:600;padding:10px 4px}
`;
}
