// When a review's photo or video becomes visible to shoppers without anything else about the review changing
// (a video finishes transcoding), what the storefront summarises of that review's product (its media count)
// must follow. The reviews module owns that summary and builds on media, so it is told through this listener,
// provided once by the composition root (app/jobs.server.ts).
export type ReviewMediaReadyListener = (shop: string, reviewId: string) => Promise<void>;

let listener: ReviewMediaReadyListener = async () => undefined;

export function provideReviewMediaReadyListener(next: ReviewMediaReadyListener): void {
  listener = next;
}

export function reviewMediaBecameReady(shop: string, reviewId: string): Promise<void> {
  return listener(shop, reviewId);
}
