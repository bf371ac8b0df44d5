// /demo/products/<handle>.svg: the demo catalogue's pictures (emails and the admin show them). Demo only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { demoProductByHandle, renderDemoProductImage, requireDemoMode } from "~/modules/demo";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const handle = /^([a-z0-9-]+)\.svg$/.exec(params.file ?? "")?.[1];
  const product = handle ? demoProductByHandle(handle) : undefined;
  if (!product) throw new Response("Not Found", { status: 404 });
  return new Response(renderDemoProductImage(product), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
