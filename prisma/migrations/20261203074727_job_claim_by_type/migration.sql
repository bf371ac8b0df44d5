-- CreateIndex
CREATE INDEX "Job_status_type_priority_runAt_idx" ON "Job"("status", "type", "priority" DESC, "runAt");

