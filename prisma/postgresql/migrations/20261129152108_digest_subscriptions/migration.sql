-- DropIndex
DROP INDEX "DigestPost_workspaceId_channelId_period_key";

-- AlterTable
ALTER TABLE "DigestPost" DROP COLUMN "messageTs",
ADD COLUMN     "subscriptionKey" TEXT NOT NULL,
ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'schedule';

-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '{"kind":"everything"}',
    "cadence" TEXT NOT NULL DEFAULT 'weekly',
    "dayOfWeek" INTEGER NOT NULL DEFAULT 5,
    "localTime" TEXT NOT NULL DEFAULT '16:00',
    "timeZone" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DigestSubscription_workspaceId_idx" ON "DigestSubscription"("workspaceId");

-- CreateIndex
CREATE INDEX "DigestPost_workspaceId_subscriptionKey_createdAt_idx" ON "DigestPost"("workspaceId", "subscriptionKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DigestPost_workspaceId_subscriptionKey_period_key" ON "DigestPost"("workspaceId", "subscriptionKey", "period");

-- AddForeignKey
ALTER TABLE "DigestSubscription" ADD CONSTRAINT "DigestSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
