import { isTerminalError } from "~/modules/jobs";
import { unauthenticated } from "~/shopify.server";

describe("a job for a shop without an offline session", () => {
  it("is terminal: the error shopify-app-remix really throws is recognised, not only a look-alike", async () => {
    const error = await unauthenticated.admin("never-installed.myshopify.com").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect((error as object).constructor.name).toBe("SessionNotFoundError");
    expect(isTerminalError(error)).toBe(true);
  });
});
