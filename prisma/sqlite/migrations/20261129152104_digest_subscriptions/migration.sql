-- CreateTable
CREATE TABLE "DigestSubscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '{"kind":"everything"}',
    "cadence" TEXT NOT NULL DEFAULT 'weekly',
    "dayOfWeek" INTEGER NOT NULL DEFAULT 5,
    "localTime" TEXT NOT NULL DEFAULT '16:00',
    "timeZone" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DigestPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "subscriptionKey" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "snapshot" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestPost_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DigestPost" ("channelId", "createdAt", "id", "period", "snapshot", "workspaceId") SELECT "channelId", "createdAt", "id", "period", "snapshot", "workspaceId" FROM "DigestPost";
DROP TABLE "DigestPost";
ALTER TABLE "new_DigestPost" RENAME TO "DigestPost";
CREATE INDEX "DigestPost_workspaceId_subscriptionKey_createdAt_idx" ON "DigestPost"("workspaceId", "subscriptionKey", "createdAt");
CREATE UNIQUE INDEX "DigestPost_workspaceId_subscriptionKey_period_key" ON "DigestPost"("workspaceId", "subscriptionKey", "period");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DigestSubscription_workspaceId_idx" ON "DigestSubscription"("workspaceId");
