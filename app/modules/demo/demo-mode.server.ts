// Demo-only routes do not exist outside demo mode: every loader and action calls this first.
import { isDemoMode } from "../../config.server";

export function requireDemoMode(): void {
  if (!isDemoMode()) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}
