-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "primaryLocale" TEXT NOT NULL DEFAULT 'en',
    "brandColor" TEXT NOT NULL DEFAULT '#1f5135',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Settings" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestTrigger" TEXT NOT NULL DEFAULT 'fulfillment',
    "daysAfterFulfillment" INTEGER NOT NULL DEFAULT 14,
    "daysAfterDelivery" INTEGER NOT NULL DEFAULT 5,
    "deliveryFallbackDays" INTEGER NOT NULL DEFAULT 30,
    "maxProductsPerRequest" INTEGER NOT NULL DEFAULT 3,
    "excludedProductIds" TEXT NOT NULL DEFAULT '[]',
    "frequencyCapDays" INTEGER NOT NULL DEFAULT 30,
    "sendWindowStartHour" INTEGER NOT NULL DEFAULT 9,
    "sendWindowEndHour" INTEGER NOT NULL DEFAULT 17,
    "reminderEnabled" BOOLEAN NOT NULL DEFAULT true,
    "reminderDelayDays" INTEGER NOT NULL DEFAULT 7,
    "postponeDays" INTEGER NOT NULL DEFAULT 7,
    "maxPostpones" INTEGER NOT NULL DEFAULT 2,
    "tokenTtlDays" INTEGER NOT NULL DEFAULT 60,
    "senderName" TEXT,
    "replyToEmail" TEXT,
    "defaultLocale" TEXT NOT NULL DEFAULT 'en',
    "autoPublishMinRating" INTEGER NOT NULL DEFAULT 4,
    "keepAnonymousReviewsOnRedact" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT,
    "apiVersion" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'received',
    "jobId" TEXT,
    "processedAt" TIMESTAMP(3),
    "error" TEXT,
    "payload" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "shop" TEXT,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "uniqueKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobEffect" (
    "id" TEXT NOT NULL,
    "shop" TEXT,
    "key" TEXT NOT NULL,
    "jobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobEffect_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "productType" TEXT,
    "vendor" TEXT,
    "imageUrl" TEXT,
    "isGiftCard" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "phone" TEXT,
    "locale" TEXT,
    "city" TEXT,
    "country" TEXT,
    "acceptsMarketing" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" TIMESTAMP(3),
    "lastRequestSentAt" TIMESTAMP(3),
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "locale" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "totalPriceCents" INTEGER NOT NULL DEFAULT 0,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT,
    "placedAt" TIMESTAMP(3) NOT NULL,
    "fulfilledAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "refundedAt" TIMESTAMP(3),
    "shopifyUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyLineId" TEXT NOT NULL,
    "productShopifyId" TEXT,
    "variantShopifyId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "sku" TEXT,
    "quantity" INTEGER NOT NULL,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "priceCents" INTEGER NOT NULL DEFAULT 0,
    "isGiftCard" BOOLEAN NOT NULL DEFAULT false,
    "requiresShipping" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingOrderEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingOrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderRefund" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyRefundId" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderRefund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL DEFAULT '',
    "customerId" TEXT,
    "email" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "basis" TEXT NOT NULL DEFAULT 'fulfillment',
    "sendAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "lastSentAt" TIMESTAMP(3),
    "reminderAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "postponeCount" INTEGER NOT NULL DEFAULT 0,
    "cancelReason" TEXT,
    "lastError" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "sendNowRequestedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRequestItem" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "orderLineId" TEXT,
    "title" TEXT NOT NULL,
    "imageUrl" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewRequestItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "requestId" TEXT,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "headers" TEXT NOT NULL DEFAULT '{}',
    "messageId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sendingAt" TIMESTAMP(3),
    "transport" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapturedEmail" (
    "id" TEXT NOT NULL,
    "shop" TEXT,
    "envelopeFrom" TEXT NOT NULL,
    "envelopeTo" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT,
    "text" TEXT,
    "headers" TEXT NOT NULL DEFAULT '{}',
    "raw" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CapturedEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailSuppression" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT 'unsubscribed',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailSuppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "customerId" TEXT,
    "orderId" TEXT,
    "requestId" TEXT,
    "rating" INTEGER NOT NULL,
    "title" TEXT,
    "body" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "fit" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "verifiedBuyer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "source" TEXT NOT NULL DEFAULT 'request',
    "anonymized" BOOLEAN NOT NULL DEFAULT false,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "language" TEXT,
    "sentiment" TEXT,
    "sentimentScore" DOUBLE PRECISION,
    "insightsVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewMedia" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewReply" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewVote" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicMention" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "evidence" TEXT NOT NULL,
    "evidenceStart" INTEGER NOT NULL DEFAULT 0,
    "evidenceEnd" INTEGER NOT NULL DEFAULT 0,
    "language" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "reviewCreatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TopicMention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicAggregate" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "language" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "positive" INTEGER NOT NULL DEFAULT 0,
    "negative" INTEGER NOT NULL DEFAULT 0,
    "neutral" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "TopicAggregate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomTopic" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoyaltyAccount" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tier" TEXT NOT NULL DEFAULT 'member',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoyaltyAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoyaltyEntry" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'posted',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoyaltyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "discountCode" TEXT,
    "discountId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "customerEmail" TEXT,
    "dataRequestId" TEXT,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminApiCall" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "variables" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminApiCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_shop_key" ON "Shop"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Settings_shop_key" ON "Settings"("shop");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_topic_receivedAt_idx" ON "WebhookEvent"("shop", "topic", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_status_idx" ON "WebhookEvent"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_webhookId_key" ON "WebhookEvent"("shop", "webhookId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_uniqueKey_key" ON "Job"("uniqueKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_shop_status_idx" ON "Job"("shop", "status");

-- CreateIndex
CREATE INDEX "Job_lockedUntil_idx" ON "Job"("lockedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "JobEffect_key_key" ON "JobEffect"("key");

-- CreateIndex
CREATE INDEX "Product_shop_handle_idx" ON "Product"("shop", "handle");

-- CreateIndex
CREATE UNIQUE INDEX "Product_shop_shopifyId_key" ON "Product"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "Customer_shop_email_idx" ON "Customer"("shop", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shop_shopifyId_key" ON "Customer"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "Order_shop_customerId_idx" ON "Order"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Order_shop_placedAt_idx" ON "Order"("shop", "placedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shop_shopifyId_key" ON "Order"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_shop_shopifyLineId_key" ON "OrderLine"("shop", "shopifyLineId");

-- CreateIndex
CREATE INDEX "PendingOrderEvent_shop_orderShopifyId_idx" ON "PendingOrderEvent"("shop", "orderShopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingOrderEvent_shop_orderShopifyId_eventKey_key" ON "PendingOrderEvent"("shop", "orderShopifyId", "eventKey");

-- CreateIndex
CREATE INDEX "OrderRefund_orderId_idx" ON "OrderRefund"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderRefund_shop_shopifyRefundId_key" ON "OrderRefund"("shop", "shopifyRefundId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_orderId_key" ON "ReviewRequest"("orderId");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_status_sendAt_idx" ON "ReviewRequest"("shop", "status", "sendAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_customerId_idx" ON "ReviewRequest"("shop", "customerId");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_createdAt_idx" ON "ReviewRequest"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_sendAt_idx" ON "ReviewRequest"("status", "sendAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_reminderAt_idx" ON "ReviewRequest"("status", "reminderAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_sendAt_id_idx" ON "ReviewRequest"("shop", "sendAt", "id");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_email_idx" ON "ReviewRequest"("shop", "email");

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_orderName_idx" ON "ReviewRequest"("shop", "orderName");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequestItem_requestId_productShopifyId_key" ON "ReviewRequestItem"("requestId", "productShopifyId");

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_at_idx" ON "RequestEvent"("requestId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_idempotencyKey_key" ON "EmailMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "EmailMessage_shop_createdAt_idx" ON "EmailMessage"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_requestId_idx" ON "EmailMessage"("requestId");

-- CreateIndex
CREATE INDEX "CapturedEmail_shop_receivedAt_idx" ON "CapturedEmail"("shop", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSuppression_shop_email_key" ON "EmailSuppression"("shop", "email");

-- CreateIndex
CREATE INDEX "Review_shop_productShopifyId_status_createdAt_idx" ON "Review"("shop", "productShopifyId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Review_shop_createdAt_idx" ON "Review"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Review_shop_status_createdAt_id_idx" ON "Review"("shop", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Review_shop_rating_createdAt_id_idx" ON "Review"("shop", "rating", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Review_shop_customerId_idx" ON "Review"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Review_shop_insightsVersion_idx" ON "Review"("shop", "insightsVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Review_shop_requestId_productShopifyId_key" ON "Review"("shop", "requestId", "productShopifyId");

-- CreateIndex
CREATE INDEX "ReviewMedia_reviewId_idx" ON "ReviewMedia"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewReply_reviewId_key" ON "ReviewReply"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewVote_reviewId_voterKey_key" ON "ReviewVote"("reviewId", "voterKey");

-- CreateIndex
CREATE INDEX "TopicMention_shop_topic_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "topic", "reviewCreatedAt", "id");

-- CreateIndex
CREATE INDEX "TopicMention_shop_productShopifyId_topic_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "productShopifyId", "topic", "reviewCreatedAt", "id");

-- CreateIndex
CREATE INDEX "TopicMention_shop_topic_sentiment_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "topic", "sentiment", "reviewCreatedAt", "id");

-- CreateIndex
CREATE INDEX "TopicMention_reviewId_idx" ON "TopicMention"("reviewId");

-- CreateIndex
CREATE INDEX "TopicAggregate_shop_topic_weekStart_idx" ON "TopicAggregate"("shop", "topic", "weekStart");

-- CreateIndex
CREATE INDEX "TopicAggregate_shop_productShopifyId_language_rating_weekSt_idx" ON "TopicAggregate"("shop", "productShopifyId", "language", "rating", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "TopicAggregate_shop_productShopifyId_topic_weekStart_langua_key" ON "TopicAggregate"("shop", "productShopifyId", "topic", "weekStart", "language", "rating");

-- CreateIndex
CREATE UNIQUE INDEX "CustomTopic_shop_key_key" ON "CustomTopic"("shop", "key");

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltyAccount_shop_customerId_key" ON "LoyaltyAccount"("shop", "customerId");

-- CreateIndex
CREATE INDEX "LoyaltyEntry_shop_accountId_createdAt_idx" ON "LoyaltyEntry"("shop", "accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltyEntry_shop_sourceKey_key" ON "LoyaltyEntry"("shop", "sourceKey");

-- CreateIndex
CREATE INDEX "Redemption_shop_accountId_idx" ON "Redemption"("shop", "accountId");

-- CreateIndex
CREATE INDEX "DataExport_shop_createdAt_idx" ON "DataExport"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataExport_shop_dataRequestId_key" ON "DataExport"("shop", "dataRequestId");

-- CreateIndex
CREATE INDEX "AdminApiCall_shop_createdAt_idx" ON "AdminApiCall"("shop", "createdAt");

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderRefund" ADD CONSTRAINT "OrderRefund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRequestItem" ADD CONSTRAINT "ReviewRequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReviewRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReviewRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewMedia" ADD CONSTRAINT "ReviewMedia_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReply" ADD CONSTRAINT "ReviewReply_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicMention" ADD CONSTRAINT "TopicMention_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

