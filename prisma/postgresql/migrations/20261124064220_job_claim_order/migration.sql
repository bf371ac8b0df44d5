-- DropIndex
DROP INDEX "Job_status_runAt_idx";

-- CreateIndex
CREATE INDEX "Job_status_priority_runAt_idx" ON "Job"("status", "priority" DESC, "runAt");

