-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "firstReminderDays" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "secondReminderDays" INTEGER NOT NULL DEFAULT 2,
ALTER COLUMN "localTime" SET DEFAULT '09:00';

-- CreateTable
CREATE TABLE "CheckInPrompt" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "scheduleId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "periodEndsAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'prompted',
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInPause" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'pause',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInDraft" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInDraft_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "CheckInPrompt" ADD CONSTRAINT "CheckInPrompt_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInPrompt" ADD CONSTRAINT "CheckInPrompt_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInPause" ADD CONSTRAINT "CheckInPause_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInDraft" ADD CONSTRAINT "CheckInDraft_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every workspace checks in out of the box: a weekly Monday 09:00 prompt in each person's local time.
INSERT INTO "Schedule" ("workspaceId", "kind", "cadence", "dayOfWeek", "localTime", "timeZone", "scope", "active", "firstReminderDays", "secondReminderDays")
SELECT "id", 'checkin_prompt', 'weekly', 1, '09:00', 'UTC', '{}', true, 1, 2 FROM "Workspace" w
WHERE NOT EXISTS (SELECT 1 FROM "Schedule" s WHERE s."workspaceId" = w."id" AND s."kind" = 'checkin_prompt');
