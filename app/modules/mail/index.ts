// Mail capture for demo mode and tests: a local SMTP server whose messages land in CapturedEmail.
export { startSmtpCapture, type SmtpCapture } from "./capture.server";
export { listCapturedEmails, getCapturedEmail } from "./outbox.server";
