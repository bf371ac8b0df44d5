// /rv/:token/unsubscribe — stop the shop's emails about reviews (the link in a reply email). GET shows a confirm
// button (mail clients' link scanners fetch links); POST unsubscribes, including RFC 8058 one-click POSTs.
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
import { pageStrings, SHOPPER_PAGE_HEADERS, statusForProblem } from "~/modules/requests";
import { shopperLanguageFromAcceptLanguage, type ShopperLanguage } from "~/modules/shopper-language";
import { formatMessage, loadReviewForLink, shopperMessages, unsubscribeByReviewToken } from "~/modules/reviews";

const TokenParam = z.string().min(1).max(4096);

type View =
  | {
      view: "confirm" | "done";
      lang: ShopperLanguage;
      shopName: string;
      brandColor: string;
      title: string;
      question: string;
      button: string;
      done: string;
    }
  | { view: "problem"; title: string; body: string };

function problem(reason: "malformed" | "forged" | "expired" | "not_found", request: Request) {
  const text = pageStrings(shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language")), "");
  const body: View = { view: "problem", title: text.linkProblemTitle, body: text.linkProblemBody };
  return json(body, { status: statusForProblem(reason), headers: SHOPPER_PAGE_HEADERS });
}

function view(kind: "confirm" | "done", shopName: string, brandColor: string, lang: ShopperLanguage): View {
  const m = shopperMessages(lang);
  return {
    view: kind,
    lang,
    shopName,
    brandColor,
    title: formatMessage(m, "unsubscribe.title", { shop: shopName }),
    question: formatMessage(m, "unsubscribe.question", { shop: shopName }),
    button: m["unsubscribe.button"],
    done: formatMessage(m, "unsubscribe.done", { shop: shopName }),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  const found = await loadReviewForLink(token.data, { acceptExpired: true });
  if (!found.ok) return problem(found.reason, request);
  return json(view("confirm", found.review.shopName, found.review.brandColor, found.review.locale), {
    headers: SHOPPER_PAGE_HEADERS,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  // The body (an RFC 8058 one-click POST sends "List-Unsubscribe=One-Click") says nothing the token does not:
  // it is never read.
  const result = await unsubscribeByReviewToken(token.data);
  if (!result.ok) return problem(result.reason, request);
  const found = await loadReviewForLink(token.data, { acceptExpired: true });
  const brandColor = found.ok ? found.review.brandColor : "#1f5135";
  return json(view("done", result.shopName, brandColor, result.locale), { headers: SHOPPER_PAGE_HEADERS });
}

export const headers: HeadersFunction = () => SHOPPER_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Unsubscribe" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function ReviewEmailsUnsubscribePage() {
  const loaded = useLoaderData<typeof loader>() as View;
  const done = useActionData<typeof action>() as View | undefined;
  const page = done ?? loaded;
  if (page.view === "problem") return <LinkProblemPage title={page.title} body={page.body} />;
  return (
    <ShopperPage shopName={page.shopName} brandColor={page.brandColor}>
      <div lang={page.lang}>
        <MessagePanel title={page.title}>
          {page.view === "done" ? (
            <p>{page.done}</p>
          ) : (
            <>
              <p>{page.question}</p>
              <Form method="post" reloadDocument>
                <button type="submit" className="rp-submit">
                  {page.button}
                </button>
              </Form>
            </>
          )}
        </MessagePanel>
      </div>
    </ShopperPage>
  );
}
