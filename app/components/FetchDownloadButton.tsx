// A download inside the embedded admin. The app runs in an iframe and authenticates with a session token that
// App Bridge adds to fetch() calls, not to plain links; so the file is fetched and saved from the page.
import { useCallback, useState } from "react";
import { BlockStack, Button, Text } from "@shopify/polaris";

export function FetchDownloadButton(props: {
  href: string;
  label: string;
  fallbackName: string;
  accessibilityLabel?: string;
  variant?: "primary" | "plain";
}) {
  const { href, fallbackName } = props;
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = useCallback(async () => {
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }, [href, fallbackName]);
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={busy} accessibilityLabel={props.accessibilityLabel} variant={props.variant}>
        {props.label}
      </Button>
      {failed ? (
        <Text as="span" tone="critical" variant="bodySm">
          The download failed. Reload the page and try again.
        </Text>
      ) : null}
    </BlockStack>
  );
}
