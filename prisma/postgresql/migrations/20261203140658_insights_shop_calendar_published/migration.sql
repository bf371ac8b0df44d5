-- AlterTable
ALTER TABLE "TopicMention" ADD COLUMN     "counted" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "monthStart" TIMESTAMP(3),
ADD COLUMN     "weekStart" TIMESTAMP(3);

