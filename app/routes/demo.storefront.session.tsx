// The storefront preview's "log in as a demo member" control: sets (or clears) the cookie the preview pages
// and the local app-proxy hop read as the logged-in customer. Only a member of the demo shop. Demo only.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { DEMO_MEMBER_COOKIE, demoStorefrontMembers, requireDemoMode } from "~/modules/demo";

export async function loader() {
  requireDemoMode();
  return redirect("/demo/storefront/collections/all");
}

export async function action({ request }: ActionFunctionArgs) {
  requireDemoMode();
  const form = await request.formData();
  const back = String(form.get("back") ?? "");
  const to = /^\/demo\/storefront\/[\w/?=&.-]*$/.test(back) ? back : "/demo/storefront/collections/all";
  if (form.get("intent") === "logout")
    return redirect(to, {
      headers: { "Set-Cookie": `${DEMO_MEMBER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly` },
    });
  const members = await demoStorefrontMembers();
  const chosen = members.find((member) => member.id === form.get("customer"));
  if (!chosen) return redirect(to);
  return redirect(to, {
    headers: { "Set-Cookie": `${DEMO_MEMBER_COOKIE}=${chosen.id}; Path=/; SameSite=Lax; HttpOnly` },
  });
}
