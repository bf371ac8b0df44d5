// The imported reviews' photos: how many were added through the media intake, how many wait to be fetched, and
// each one that was not added, with the line of the file and the reason.
import { Badge, BlockStack, Card, IndexTable, InlineStack, Text } from "@shopify/polaris";
import type { ImportPhotoReport } from "~/modules/reviews";

export function ImportPhotosCard({ photos }: { photos: ImportPhotoReport }) {
  const total = photos.stored + photos.refused + photos.failed + photos.waiting;
  if (total === 0) return null;
  const notAdded = photos.refused + photos.failed;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Photos
          </Text>
          {photos.waiting > 0 ? <Badge tone="info">{`${photos.waiting} waiting`}</Badge> : null}
        </InlineStack>
        <Text as="p">
          {`${photos.stored} of ${total} added to their reviews${
            notAdded > 0 ? `; ${notAdded} not added` : ""
          }. Each is fetched from its address, checked and resized like a shopper's photo, with its location removed.`}
        </Text>
        {photos.problems.length > 0 ? (
          <IndexTable
            itemCount={photos.problems.length}
            selectable={false}
            headings={[{ title: "Line" }, { title: "Photo" }, { title: "Why it was not added" }]}
          >
            {photos.problems.map((problem, index) => (
              <IndexTable.Row id={`${index}`} key={`${problem.line}-${problem.url}`} position={index}>
                <IndexTable.Cell>{problem.line ?? "–"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" breakWord>
                    {problem.url.length > 80 ? `${problem.url.slice(0, 80)}…` : problem.url}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" breakWord>
                    {problem.reason}
                  </Text>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        ) : null}
      </BlockStack>
    </Card>
  );
}
