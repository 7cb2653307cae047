-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "profileReadAt" TIMESTAMP(3),
ALTER COLUMN "tz" DROP NOT NULL,
ALTER COLUMN "tz" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "toType" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "threadOf" TEXT,
    "replaces" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "uncertain" BOOLEAN NOT NULL DEFAULT false,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "channel" TEXT,
    "ts" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateWindow" (
    "bucket" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateWindow_pkey" PRIMARY KEY ("bucket","windowStart")
);

-- CreateIndex
CREATE INDEX "Outbox_state_dueAt_idx" ON "Outbox"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_workspaceId_key_key" ON "Outbox"("workspaceId", "key");

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "UTC" was the old default, not something Slack said: unknown until the profile is read again.
UPDATE "Member" SET "tz" = NULL WHERE "tz" = 'UTC';
