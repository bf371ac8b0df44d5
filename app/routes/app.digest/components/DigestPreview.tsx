// A week's digest as the recipients read it, ready to print (the printout shows the digest alone), with the week
// before and after, and the week's topic figures as CSV.
import type { SerializeFrom } from "@remix-run/node";
import { Link as RemixLink } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { FetchDownloadButton } from "~/components/FetchDownloadButton";
import type { loader } from "../route";

type Digest = SerializeFrom<typeof loader>["digest"];

const PRINT_CSS = `@media print{body *{visibility:hidden!important}.kr-digest-print,.kr-digest-print *{visibility:visible!important}.kr-digest-print{position:absolute;left:0;top:0;width:100%}}`;

export function DigestPreview({ digest }: { digest: Digest }) {
  return (
    <Card>
      <BlockStack gap="300">
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="050">
            <Text as="h2" variant="headingMd">
              {`Digest of the week of ${digest.weekStart}`}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {`Subject: ${digest.subject}`}
            </Text>
          </BlockStack>
          <InlineStack gap="200">
            <RemixLink to={`?week=${digest.previousWeek}`}>Week before</RemixLink>
            {digest.nextWeek ? <RemixLink to={`?week=${digest.nextWeek}`}>Week after</RemixLink> : null}
          </InlineStack>
        </InlineStack>
        <InlineStack gap="200" blockAlign="center">
          <Button onClick={() => window.print()}>Print</Button>
          <FetchDownloadButton
            href={`/app/digest/topics.csv?week=${digest.weekStart}`}
            fallbackName={`kundrost-digest-topics-${digest.covered.from}.csv`}
            label="Topic figures (CSV)"
          />
        </InlineStack>
        {/* Rendered by the voc module from escaped text: the same HTML the email carries. */}
        <div className="kr-digest-print" lang={digest.locale} dangerouslySetInnerHTML={{ __html: digest.bodyHtml }} />
      </BlockStack>
    </Card>
  );
}
