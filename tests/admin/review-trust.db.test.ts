// The review detail's follow-up actions and the export, through the real admin routes (session tokens, real
// database): the task's note and state, a private reply, deleting a review, the history on the detail screen,
// the CSV export; and another shop gets 404 for all of it.
import db from "~/db.server";
import { action as trustAction } from "~/routes/app.reviews.$id.trust";
import { action as detailAction, loader as detailLoader } from "~/routes/app.reviews.$id/route";
import { loader as exportLoader } from "~/routes/app.exports.$format";
import { actionArgs, adminFormPost, adminPageRequest, installedShop, jsonOf, loaderArgs, responseOf } from "./support";

async function review(shop: string, rating = 1) {
  const row = await db.review.create({
    data: {
      shop,
      productShopifyId: "7001",
      rating,
      body: "Broke on day two.",
      displayName: "Anna L.",
      email: "anna@example.se",
      status: "published",
      publishedAt: new Date(),
    },
  });
  await db.followUpTask.create({ data: { shop, reviewId: row.id } });
  return row;
}

async function post(shop: string, id: string, fields: Record<string, string>) {
  const request = await adminFormPost(shop, `/app/reviews/${id}/trust`, fields);
  return responseOf(() => trustAction(actionArgs(request, { id })));
}

async function postDetail(shop: string, id: string, fields: Record<string, string>) {
  const request = await adminFormPost(shop, `/app/reviews/${id}`, fields);
  return responseOf(() => detailAction(actionArgs(request, { id })));
}

describe("a review's follow-up actions", () => {
  it("notes and closes the task, sends a private reply, and shows it all in the history", async () => {
    const shop = await installedShop();
    const row = await review(shop);
    expect(await (await post(shop, row.id, { intent: "task", note: "Called her" })).json()).toEqual({
      ok: true,
      message: "Note saved",
    });
    const replied = await post(shop, row.id, { intent: "private-reply", body: "We are sending a new one." });
    expect(await replied.json()).toEqual({ ok: true, message: "Private reply on its way to the reviewer" });
    expect(await db.followUpTask.findUniqueOrThrow({ where: { reviewId: row.id } })).toMatchObject({
      status: "done",
      closedBy: "reply",
      note: "Called her",
    });
    expect((await post(shop, row.id, { intent: "private-reply", body: "" })).status).toBe(400);

    const rejected = await responseOf(async () =>
      detailAction(
        actionArgs(await adminFormPost(shop, `/app/reviews/${row.id}`, { intent: "moderate", status: "rejected" }), {
          id: row.id,
        }),
      ),
    );
    expect(rejected.status).toBe(400);
    const detail = await jsonOf<{ trust: { history: { action: string }[]; task: { status: string } } }>(async () =>
      detailLoader(loaderArgs(await adminPageRequest(shop, `/app/reviews/${row.id}`), { id: row.id })),
    );
    expect(detail.trust.history.map((e) => e.action)).toEqual(["private_reply"]);
    expect(detail.trust.task.status).toBe("done");
  });

  it("deletes a review, keeping its history; another shop gets 404 and changes nothing", async () => {
    const shop = await installedShop();
    const stranger = await installedShop();
    const row = await review(shop);
    const attempts: Record<string, string>[] = [
      { intent: "task", status: "done" },
      { intent: "private-reply", body: "Hi" },
    ];
    for (const fields of attempts) {
      expect((await post(stranger, row.id, fields)).status, JSON.stringify(fields)).toBe(404);
    }
    expect((await postDetail(stranger, row.id, { intent: "delete-review" })).status).toBe(404);
    expect(await db.review.count({ where: { id: row.id } })).toBe(1);

    const deleted = await postDetail(shop, row.id, { intent: "delete-review" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/app/reviews");
    expect(await db.review.count({ where: { id: row.id } })).toBe(0);
    expect(
      await db.reviewModerationEvent.findMany({ where: { reviewId: row.id }, select: { action: true, actor: true } }),
    ).toEqual([{ action: "deleted", actor: "merchant" }]);
  });
});

describe("the export route", () => {
  it("streams the shop's reviews as CSV in either format, and only the shop's", async () => {
    const shop = await installedShop();
    const other = await installedShop();
    await review(shop, 4);
    await review(other, 2);
    const response = await responseOf(async () =>
      exportLoader(loaderArgs(await adminPageRequest(shop, "/app/exports/judgeme"), { format: "judgeme" })),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename=".+-reviews-judgeme-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^,Broke on day two\.,4,/);
    const unknown = await responseOf(async () =>
      exportLoader(loaderArgs(await adminPageRequest(shop, "/app/exports/xml"), { format: "xml" })),
    );
    expect(unknown.status).toBe(404);
  });
});
