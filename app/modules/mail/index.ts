// Mail capture for demo mode and tests: a local SMTP server whose messages land in CapturedEmail.
export { startSmtpCapture, SHOP_HEADER, type SmtpCapture } from "./capture.server";
export {
  listCapturedEmails,
  getCapturedEmail,
  type CapturedEmailSummary,
  type CapturedEmailDetail,
} from "./outbox.server";
