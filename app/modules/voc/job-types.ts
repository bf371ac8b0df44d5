// The voice-of-the-customer module's job type names, defined once (jobs.server.ts runs them).
export const DIGEST_DUE_JOB = "voc.digest-due";
export const SEND_DIGEST_JOB = "voc.send-digest";
export const SEND_DIGEST_INVITATION_JOB = "voc.send-digest-invitation";
