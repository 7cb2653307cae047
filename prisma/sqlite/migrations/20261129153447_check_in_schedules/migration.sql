-- CreateTable
CREATE TABLE "CheckInPrompt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "scheduleId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "periodEndsAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'prompted',
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckInPrompt_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckInPrompt_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckInPause" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'pause',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckInPause_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckInDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckInDraft_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Schedule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "cadence" TEXT NOT NULL DEFAULT 'weekly',
    "dayOfWeek" INTEGER NOT NULL DEFAULT 1,
    "localTime" TEXT NOT NULL DEFAULT '09:00',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "scope" TEXT NOT NULL DEFAULT '{}',
    "channelId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "firstReminderDays" INTEGER NOT NULL DEFAULT 1,
    "secondReminderDays" INTEGER NOT NULL DEFAULT 2,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Schedule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Schedule" ("active", "cadence", "channelId", "createdAt", "dayOfWeek", "id", "kind", "localTime", "scope", "timeZone", "workspaceId") SELECT "active", "cadence", "channelId", "createdAt", "dayOfWeek", "id", "kind", "localTime", "scope", "timeZone", "workspaceId" FROM "Schedule";
DROP TABLE "Schedule";
ALTER TABLE "new_Schedule" RENAME TO "Schedule";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CheckInPrompt_workspaceId_period_idx" ON "CheckInPrompt"("workspaceId", "period");

-- CreateIndex
CREATE INDEX "CheckInPrompt_state_idx" ON "CheckInPrompt"("state");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInPrompt_scheduleId_memberId_period_key" ON "CheckInPrompt"("scheduleId", "memberId", "period");

-- CreateIndex
CREATE INDEX "CheckInPause_memberId_idx" ON "CheckInPause"("memberId");

-- CreateIndex
CREATE INDEX "CheckInDraft_memberId_idx" ON "CheckInDraft"("memberId");

-- Every workspace checks in out of the box: a weekly Monday 09:00 prompt in each person's local time.
INSERT INTO "Schedule" ("workspaceId", "kind", "cadence", "dayOfWeek", "localTime", "timeZone", "scope", "active", "firstReminderDays", "secondReminderDays")
SELECT "id", 'checkin_prompt', 'weekly', 1, '09:00', 'UTC', '{}', true, 1, 2 FROM "Workspace" w
WHERE NOT EXISTS (SELECT 1 FROM "Schedule" s WHERE s."workspaceId" = w."id" AND s."kind" = 'checkin_prompt');
