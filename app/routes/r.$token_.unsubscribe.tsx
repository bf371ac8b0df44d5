// /r/:token/unsubscribe — stop review-request emails. GET shows a confirm button (link scanners in mail
// clients fetch links, so a GET must never unsubscribe); POST unsubscribes. Mail clients that honour the
// List-Unsubscribe-Post header POST "List-Unsubscribe=One-Click" here without a page (RFC 8058).
// The file name's "$token_" keeps this page out of the review page's layout (/r/:token).
import {
  json,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LinkProblemPage, MessagePanel, ShopperPage } from "~/components/review-page/ShopperPage";
import { loggerFor } from "~/logger.server";
import {
  loadRequestForUnsubscribe,
  pageStrings,
  SHOPPER_PAGE_HEADERS,
  statusForProblem,
  unsubscribeByToken,
} from "~/modules/requests";
import { shopperLanguageFromAcceptLanguage } from "~/modules/shopper-language";

const TokenParam = z.string().min(1).max(4096);
// The form's button, or a mail client's one-click body; any POST with a valid token unsubscribes.
const UnsubscribeBody = z.object({
  "List-Unsubscribe": z.literal("One-Click").optional(),
  intent: z.literal("unsubscribe").optional(),
});

type View =
  | {
      view: "confirm" | "done";
      lang: string;
      shopName: string;
      brandColor: string;
      text: ReturnType<typeof pageStrings>;
    }
  | { view: "problem"; lang: string; text: ReturnType<typeof pageStrings> };

function problem(reason: Parameters<typeof statusForProblem>[0], request: Request) {
  const lang = shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const body: View = { view: "problem", lang, text: pageStrings(lang, "") };
  return json(body, { status: statusForProblem(reason), headers: SHOPPER_PAGE_HEADERS });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  const found = await loadRequestForUnsubscribe(token.data);
  if (!found.ok) return problem(found.reason, request);
  const { locale, shopInfo } = found.request;
  const body: View = {
    view: "confirm",
    lang: locale,
    shopName: shopInfo.name,
    brandColor: shopInfo.brandColor,
    text: pageStrings(locale, shopInfo.name),
  };
  return json(body, { headers: SHOPPER_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  // The link is checked before the body is read: a bad link costs no upload.
  const found = await loadRequestForUnsubscribe(token.data);
  if (!found.ok) return problem(found.reason, request);
  const form = await request.formData().catch(() => new FormData());
  const parsed = UnsubscribeBody.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    // An odd body from some mail client is no reason to keep emailing someone who asked to stop.
    loggerFor({ module: "requests" }).info(
      { issues: parsed.error.issues.length },
      "unsubscribe POST with an unexpected body",
    );
  }
  const result = await unsubscribeByToken(token.data);
  if (!result.ok) return problem(result.reason, request);
  const { locale, shopInfo } = result.request;
  const body: View = {
    view: "done",
    lang: locale,
    shopName: shopInfo.name,
    brandColor: shopInfo.brandColor,
    text: pageStrings(locale, shopInfo.name),
  };
  return json(body, { headers: SHOPPER_PAGE_HEADERS });
}

export const headers: HeadersFunction = () => SHOPPER_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.text.unsubscribeTitle ?? "Unsubscribe" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function UnsubscribePage() {
  const loaded = useLoaderData<typeof loader>() as View;
  const done = useActionData<typeof action>() as View | undefined;
  const page = done ?? loaded;
  if (page.view === "problem") {
    return <LinkProblemPage title={page.text.linkProblemTitle} body={page.text.linkProblemBody} />;
  }
  return (
    <ShopperPage shopName={page.shopName} brandColor={page.brandColor}>
      <div lang={page.lang}>
        {page.view === "done" ? (
          <MessagePanel title={page.text.unsubscribedTitle}>
            <p>{page.text.unsubscribedBody}</p>
          </MessagePanel>
        ) : (
          <MessagePanel title={page.text.unsubscribeTitle}>
            <p>{page.text.unsubscribeQuestion}</p>
            <Form method="post" reloadDocument>
              <input type="hidden" name="intent" value="unsubscribe" />
              <button type="submit" className="rp-submit">
                {page.text.unsubscribeButton}
              </button>
            </Form>
          </MessagePanel>
        )}
      </div>
    </ShopperPage>
  );
}
