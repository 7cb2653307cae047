-- CreateTable
CREATE TABLE "SeenRequest" (
    "hash" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenRequest_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "SeenRequest_seenAt_idx" ON "SeenRequest"("seenAt");
