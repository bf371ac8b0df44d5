// /r/:token/not-arrived — "my order hasn't arrived yet": we ask again later (at most twice), then stop.
// GET shows one button (mail clients' link scanners fetch links; a GET must not postpone); POST postpones.
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
import {
  formatAskAgainDate,
  pageStrings,
  postponeByToken,
  SHOPPER_PAGE_HEADERS,
  shopperStrings,
  statusForProblem,
  verifiedRequest,
} from "~/modules/requests";
import { fillPlaceholders, shopperLanguageFromAcceptLanguage } from "~/modules/shopper-language";

const TokenParam = z.string().min(1).max(4096);
const PostponeBody = z.object({ intent: z.literal("not-arrived") });

type Text = ReturnType<typeof pageStrings>;
type View =
  | {
      view: "confirm";
      lang: string;
      shopName: string;
      brandColor: string;
      text: Text;
      question: string;
      button: string;
    }
  | { view: "result"; lang: string; shopName: string; brandColor: string; title: string; message: string }
  | { view: "problem"; lang: string; text: Text };

function problem(reason: Parameters<typeof statusForProblem>[0], request: Request) {
  const lang = shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const body: View = { view: "problem", lang, text: pageStrings(lang, "") };
  return json(body, { status: statusForProblem(reason), headers: SHOPPER_PAGE_HEADERS });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  const found = await verifiedRequest(token.data);
  if (!found.ok) return problem(found.reason, request);
  const { locale, shopInfo } = found.request;
  const email = shopperStrings(locale).email;
  const body: View = {
    view: "confirm",
    lang: locale,
    shopName: shopInfo.name,
    brandColor: shopInfo.brandColor,
    text: pageStrings(locale, shopInfo.name),
    question: email.notArrived,
    button: email.notArrivedLink,
  };
  return json(body, { headers: SHOPPER_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  // The link is checked before the body is read: a bad link costs no upload.
  const found = await verifiedRequest(token.data);
  if (!found.ok) return problem(found.reason, request);
  const form = PostponeBody.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  if (!form.success) return problem("malformed", request);
  const result = await postponeByToken(token.data);
  if (!result.ok) return problem(result.reason, request);
  const { locale, shopInfo } = result.request;
  const text = pageStrings(locale, shopInfo.name);
  const message =
    result.outcome === "postponed"
      ? fillPlaceholders(text.postponedBody, { date: formatAskAgainDate(result.askAgainAt, locale, result.timezone) })
      : result.outcome === "stopped"
        ? text.stoppedBody
        : result.outcome === "reviewed"
          ? text.reviewedBody
          : text.closedBody;
  const body: View = {
    view: "result",
    lang: locale,
    shopName: shopInfo.name,
    brandColor: shopInfo.brandColor,
    title: text.notArrivedTitle,
    message,
  };
  return json(body, { headers: SHOPPER_PAGE_HEADERS });
}

export const headers: HeadersFunction = () => SHOPPER_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = () => [{ name: "robots", content: "noindex, nofollow" }];

export default function NotArrivedPage() {
  const loaded = useLoaderData<typeof loader>() as View;
  const done = useActionData<typeof action>() as View | undefined;
  const page = done ?? loaded;
  if (page.view === "problem") {
    return <LinkProblemPage title={page.text.linkProblemTitle} body={page.text.linkProblemBody} />;
  }
  return (
    <ShopperPage shopName={page.shopName} brandColor={page.brandColor}>
      <div lang={page.lang}>
        {page.view === "result" ? (
          <MessagePanel title={page.title}>
            <p>{page.message}</p>
          </MessagePanel>
        ) : (
          <MessagePanel title={page.question}>
            <Form method="post" reloadDocument>
              <input type="hidden" name="intent" value="not-arrived" />
              <button type="submit" className="rp-submit">
                {page.button}
              </button>
            </Form>
          </MessagePanel>
        )}
      </div>
    </ShopperPage>
  );
}
