import nodemailer from "nodemailer";
import db from "~/db.server";
import { startSmtpCapture, type SmtpCapture } from "~/modules/mail";

let capture: SmtpCapture;

beforeAll(async () => {
  capture = await startSmtpCapture();
});

afterAll(async () => {
  await capture.close();
});

describe("local SMTP capture", () => {
  it("keeps a message sent over real SMTP with its envelope, parts and headers", async () => {
    const transport = nodemailer.createTransport(capture.url);
    await transport.sendMail({
      from: '"Kundröst Demo Store" <hej@kundrost-demo.example>',
      to: "Åsa Lindström <asa.lindstrom@example.se>",
      subject: "Hur blev det med din linneskjorta?",
      text: "Betygsätt din linneskjorta: 1 2 3 4 5",
      html: "<p>Betygsätt din <strong>linneskjorta</strong></p>",
      headers: {
        "X-Kundrost-Shop": "kundrost-demo.myshopify.com",
        "List-Unsubscribe": "<https://app.example/r/abc/unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });

    // No polling: the capture stores the row before it acknowledges the message.
    const [email] = await db.capturedEmail.findMany();
    expect(email.shop).toBe("kundrost-demo.myshopify.com");
    expect(email.envelopeFrom).toBe("hej@kundrost-demo.example");
    expect(email.envelopeTo).toBe("asa.lindstrom@example.se");
    expect(email.subject).toBe("Hur blev det med din linneskjorta?");
    expect(email.text?.trim()).toBe("Betygsätt din linneskjorta: 1 2 3 4 5");
    expect(email.html).toContain("<strong>linneskjorta</strong>");
    const headers = JSON.parse(email.headers);
    expect(headers["list-unsubscribe"]).toBe("<https://app.example/r/abc/unsubscribe>");
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(email.raw).toContain("Subject:");
  });

  it("files a message without the shop header under no shop", async () => {
    const transport = nodemailer.createTransport(capture.url);
    await transport.sendMail({
      from: "a@example.com",
      to: ["b@example.com", "c@example.com"],
      subject: "Plain",
      text: "hi",
    });
    const email = await db.capturedEmail.findFirstOrThrow({ where: { subject: "Plain" } });
    expect(email.shop).toBeNull();
    expect(email.envelopeTo).toBe("b@example.com, c@example.com");
    expect(email.html).toBeNull();
  });
});
