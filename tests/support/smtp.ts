// Real SMTP for a test file: the local capture server (app/modules/mail) runs for the whole file and the app's
// mail transport points at it, so every email the code sends lands in CapturedEmail.
import { startSmtpCapture, type SmtpCapture } from "~/modules/mail";

export function captureEmailDuringTests(): void {
  let capture: SmtpCapture | undefined;
  beforeAll(async () => {
    capture = await startSmtpCapture();
    process.env.SMTP_URL = capture.url;
  });
  afterAll(async () => {
    await capture?.close();
    delete process.env.SMTP_URL;
  });
}
