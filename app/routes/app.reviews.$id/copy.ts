// The review detail screen's words for the codes the reviews module stores.

export const FIT_LABELS: Record<string, string> = {
  runs_small: "Runs small",
  true_to_size: "True to size",
  runs_large: "Runs large",
};

export const SOURCE_LABELS: Record<string, string> = {
  request: "Review request email",
  storefront: "Storefront form",
  import: "Import",
  demo: "Demo seed",
};
