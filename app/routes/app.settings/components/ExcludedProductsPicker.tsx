// "Products never to ask about", chosen from the catalogue instead of typed as ids. Inside Shopify the admin's
// own product picker opens (App Bridge resourcePicker); in demo mode, where there is no Shopify around the
// app, a searchable list of the shop's products (the Products screen's data) does the same job. Either way
// the merchant sees names and pictures, and the form posts product ids the server checks again.
// https://shopify.dev/docs/api/app-bridge-library/apis/resource-picker
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  BlockStack,
  Button,
  InlineStack,
  Listbox,
  ResourceItem,
  ResourceList,
  Scrollable,
  Text,
  TextField,
  Thumbnail,
} from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";

export interface PickedProduct {
  shopifyId: string;
  title: string;
  imageUrl: string | null;
}

interface PickerResource {
  id: string;
  title: string;
  images?: Array<{ originalSrc?: string; url?: string }>;
}

interface AppBridgeWithPicker {
  resourcePicker(options: {
    type: "product";
    multiple: boolean;
    action: "select";
    selectionIds: Array<{ id: string }>;
  }): Promise<PickerResource[] | undefined>;
}

const numericId = (id: string) => /(\d+)$/.exec(id)?.[1] ?? id;

function DemoProductSearch({ chosen, onPick }: { chosen: Set<string>; onPick: (product: PickedProduct) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const fetcher = useFetcher<{ rows: PickedProduct[] }>();
  const { load } = fetcher;
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => load(`/app/products?sort=title&q=${encodeURIComponent(query.trim())}`), 200);
    return () => clearTimeout(timer);
  }, [open, query, load]);
  const rows = (fetcher.data?.rows ?? []).filter((row) => !chosen.has(row.shopifyId));
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} disclosure>
        Choose products
      </Button>
    );
  }
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <div style={{ flex: 1 }}>
          <TextField
            label="Search products"
            labelHidden
            placeholder="Search the catalogue by name"
            value={query}
            onChange={setQuery}
            autoComplete="off"
            autoFocus
          />
        </div>
        <Button onClick={() => setOpen(false)}>Done</Button>
      </InlineStack>
      <Scrollable style={{ maxHeight: 240 }}>
        <Listbox
          accessibilityLabel="Products"
          onSelect={(shopifyId) => {
            const product = rows.find((row) => row.shopifyId === shopifyId);
            if (product) onPick(product);
          }}
        >
          {rows.length === 0 ? (
            <Listbox.Action value="" disabled>
              {fetcher.state === "loading" || !fetcher.data ? "Loading…" : "No products to add"}
            </Listbox.Action>
          ) : (
            rows.map((row) => (
              <Listbox.Option key={row.shopifyId} value={row.shopifyId} accessibilityLabel={row.title}>
                <div style={{ padding: "var(--p-space-100) var(--p-space-200)" }}>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Thumbnail source={row.imageUrl ?? ImageIcon} alt="" size="extraSmall" />
                    <Text as="span">{row.title}</Text>
                  </InlineStack>
                </div>
              </Listbox.Option>
            ))
          )}
        </Listbox>
      </Scrollable>
    </BlockStack>
  );
}

export function ExcludedProductsPicker({
  name,
  products,
  embedded,
  error,
  onChange,
}: {
  /** The form field that carries the chosen ids, one per line. */
  name: string;
  products: PickedProduct[];
  embedded: boolean;
  error?: string;
  onChange: (products: PickedProduct[]) => void;
}) {
  const chosen = new Set(products.map((product) => product.shopifyId));
  const openShopifyPicker = async () => {
    const shopify = (window as unknown as { shopify?: AppBridgeWithPicker }).shopify;
    if (!shopify) return;
    const picked = await shopify.resourcePicker({
      type: "product",
      multiple: true,
      action: "select",
      selectionIds: products.map((product) => ({ id: `gid://shopify/Product/${product.shopifyId}` })),
    });
    if (!picked) return; // closed without choosing
    onChange(
      picked.map((resource) => ({
        shopifyId: numericId(resource.id),
        title: resource.title,
        imageUrl: resource.images?.[0]?.originalSrc ?? resource.images?.[0]?.url ?? null,
      })),
    );
  };
  return (
    <BlockStack gap="200">
      <input type="hidden" name={name} value={products.map((product) => product.shopifyId).join("\n")} />
      <InlineStack align="space-between" blockAlign="center">
        <BlockStack gap="050">
          <Text as="span">Products never to ask about</Text>
          <Text as="span" variant="bodySm" tone="subdued">
            Samples, spare parts or anything not worth a review. Already scheduled requests leave them out when
            re-planned.
          </Text>
        </BlockStack>
        {embedded ? <Button onClick={() => void openShopifyPicker()}>Choose products</Button> : null}
      </InlineStack>
      {embedded ? null : <DemoProductSearch chosen={chosen} onPick={(product) => onChange([...products, product])} />}
      {products.length === 0 ? (
        <Text as="p" tone="subdued">
          No products left out: every product can be asked about.
        </Text>
      ) : (
        <ResourceList
          resourceName={{ singular: "product", plural: "products" }}
          items={products}
          renderItem={(product) => (
            <ResourceItem
              id={product.shopifyId}
              onClick={() => undefined}
              media={<Thumbnail source={product.imageUrl ?? ImageIcon} alt="" size="small" />}
              shortcutActions={[
                {
                  content: "Remove",
                  accessibilityLabel: `Remove ${product.title}`,
                  onAction: () => onChange(products.filter((other) => other.shopifyId !== product.shopifyId)),
                },
              ]}
              persistActions
            >
              <Text as="span" fontWeight="semibold">
                {product.title}
              </Text>
            </ResourceItem>
          )}
        />
      )}
      {error ? (
        <Text as="p" tone="critical">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}
