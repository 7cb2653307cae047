-- CreateIndex
CREATE INDEX "CheckIn_keyResultId_date_idx" ON "CheckIn"("keyResultId", "date");
