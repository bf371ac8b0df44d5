// Shopify webhook bodies for the demo shop's history, shaped as Shopify's REST resources (numeric ids,
// decimal strings for money, ISO timestamps with offsets), so the seed and the demo's webhook control feed
// the app exactly what a store would.
// Order: https://shopify.dev/docs/api/admin-rest/latest/resources/order
// Refund: https://shopify.dev/docs/api/admin-rest/latest/resources/refund
// Fulfillment event: https://shopify.dev/docs/api/admin-rest/latest/resources/fulfillmentevent
// Customer: https://shopify.dev/docs/api/admin-rest/latest/resources/customer
import type { DemoCustomer, DemoLocale } from "./people";
import { orderTotalCents, type DemoOrder, type DemoOrderLine, type DemoRefund } from "./demo-shop";

const CURRENCY = "SEK";
const SHOP_ID = 79_410_000_123;
const LOCATION_ID = 81_230_000_045;

// Shopify sends `customer_locale` as the storefront language the shopper used, often with a region.
const STOREFRONT_LOCALE: Record<DemoLocale, string> = { sv: "sv", en: "en", de: "de", nb: "nb" };

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

function moneySet(cents: number) {
  const amount = money(cents);
  return { shop_money: { amount, currency_code: CURRENCY }, presentment_money: { amount, currency_code: CURRENCY } };
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function addressPayload(customer: DemoCustomer) {
  const a = customer.address;
  return {
    first_name: customer.firstName,
    last_name: customer.lastName,
    name: `${customer.firstName} ${customer.lastName}`,
    address1: a.address1,
    address2: null,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    zip: a.zip,
    country: a.country,
    country_code: a.countryCode,
    phone: customer.phone,
    company: null,
  };
}

export function customerPayload(customer: DemoCustomer, updatedAt: Date = customer.createdAt) {
  const consent = customer.acceptsMarketing ? "subscribed" : "not_subscribed";
  return {
    id: Number(customer.shopifyId),
    email: customer.email,
    created_at: iso(customer.createdAt),
    updated_at: iso(updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: "enabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: customer.phone,
    locale: customer.locale,
    currency: CURRENCY,
    tags: "",
    email_marketing_consent: {
      state: consent,
      opt_in_level: "single_opt_in",
      consent_updated_at: iso(customer.createdAt),
    },
    sms_marketing_consent: null,
    admin_graphql_api_id: `gid://shopify/Customer/${customer.shopifyId}`,
    default_address: {
      id: Number(customer.shopifyId) + 1,
      customer_id: Number(customer.shopifyId),
      ...addressPayload(customer),
      country_name: customer.address.country,
      default: true,
    },
  };
}

function lineItemPayload(line: DemoOrderLine, fulfilled: boolean) {
  return {
    id: Number(line.shopifyLineId),
    admin_graphql_api_id: `gid://shopify/LineItem/${line.shopifyLineId}`,
    product_id: Number(line.product.shopifyId),
    variant_id: Number(line.variant.shopifyId),
    title: line.product.title,
    variant_title: line.variant.title === "Default Title" ? null : line.variant.title,
    name: line.variant.title === "Default Title" ? line.product.title : `${line.product.title} - ${line.variant.title}`,
    sku: line.variant.sku,
    vendor: line.product.vendor,
    quantity: line.quantity,
    current_quantity: line.quantity,
    fulfillable_quantity: fulfilled ? 0 : line.quantity,
    fulfillment_service: "manual",
    fulfillment_status: fulfilled ? "fulfilled" : null,
    gift_card: line.product.kind === "gift_card",
    requires_shipping: line.product.kind !== "gift_card",
    taxable: true,
    product_exists: true,
    price: money(line.priceCents),
    price_set: moneySet(line.priceCents),
    total_discount: "0.00",
    total_discount_set: moneySet(0),
    grams: line.product.kind === "home" ? 900 : 400,
    properties: [],
    discount_allocations: [],
    duties: [],
    tax_lines: [
      {
        title: "Moms",
        rate: 0.25,
        price: money(Math.round((line.priceCents * line.quantity) / 5)),
        price_set: moneySet(Math.round((line.priceCents * line.quantity) / 5)),
      },
    ],
  };
}

function fulfillmentPayload(order: DemoOrder) {
  return {
    id: Number(order.fulfillmentId),
    admin_graphql_api_id: `gid://shopify/Fulfillment/${order.fulfillmentId}`,
    order_id: Number(order.shopifyId),
    name: `${order.name}.1`,
    status: "success",
    service: "manual",
    location_id: LOCATION_ID,
    created_at: iso(order.fulfilledAt),
    updated_at: iso(order.fulfilledAt),
    shipment_status: null,
    tracking_company: "PostNord",
    tracking_number: order.trackingNumber,
    tracking_numbers: [order.trackingNumber],
    tracking_url: `https://tracking.postnord.com/se/?id=${order.trackingNumber}`,
    tracking_urls: [`https://tracking.postnord.com/se/?id=${order.trackingNumber}`],
    line_items: order.lines.filter((l) => l.product.kind !== "gift_card").map((line) => lineItemPayload(line, true)),
  };
}

function refundPayloadBody(order: DemoOrder, refund: DemoRefund) {
  const refundedCents = refund.lines.reduce((sum, { line, quantity }) => sum + line.priceCents * quantity, 0);
  return {
    id: Number(refund.shopifyId),
    admin_graphql_api_id: `gid://shopify/Refund/${refund.shopifyId}`,
    created_at: iso(refund.at),
    processed_at: iso(refund.at),
    note: refund.full ? "Returned in full" : "Returned: did not fit",
    restock: true,
    user_id: null,
    order_adjustments: [],
    duties: [],
    refund_line_items: refund.lines.map(({ line, quantity }, index) => ({
      id: Number(refund.shopifyId) * 10 + index + 1,
      line_item_id: Number(line.shopifyLineId),
      location_id: LOCATION_ID,
      quantity,
      restock_type: "return",
      subtotal: money(line.priceCents * quantity),
      subtotal_set: moneySet(line.priceCents * quantity),
      total_tax: money(Math.round((line.priceCents * quantity) / 5)),
      total_tax_set: moneySet(Math.round((line.priceCents * quantity) / 5)),
      line_item: lineItemPayload(line, true),
    })),
    transactions: [
      {
        id: Number(refund.shopifyId) * 10,
        order_id: Number(order.shopifyId),
        kind: "refund",
        gateway: "shopify_payments",
        status: "success",
        amount: money(refundedCents),
        currency: CURRENCY,
        created_at: iso(refund.at),
        processed_at: iso(refund.at),
      },
    ],
  };
}

/**
 * The order as an orders/fulfilled or orders/cancelled webhook would carry it at `asOf`: fulfilments,
 * cancellation and refunds that happened by then are in it, later ones are not.
 */
export function orderPayload(order: DemoOrder, asOf: Date) {
  const customer = order.customer;
  const total = orderTotalCents(order);
  const refunds = order.refunds.filter((r) => r.at <= asOf);
  const refundedCents = refunds.reduce(
    (sum, r) => sum + r.lines.reduce((s, { line, quantity }) => s + line.priceCents * quantity, 0),
    0,
  );
  const cancelled = order.cancelledAt && order.cancelledAt <= asOf ? order.cancelledAt : null;
  const financialStatus = refundedCents === 0 ? "paid" : refundedCents >= total ? "refunded" : "partially_refunded";
  return {
    id: Number(order.shopifyId),
    admin_graphql_api_id: `gid://shopify/Order/${order.shopifyId}`,
    name: order.name,
    order_number: order.number,
    number: order.number - 1000,
    token: `demo${order.shopifyId}`,
    email: customer.email,
    contact_email: customer.email,
    phone: null,
    customer_locale: STOREFRONT_LOCALE[customer.locale],
    created_at: iso(order.placedAt),
    processed_at: iso(order.placedAt),
    updated_at: iso(asOf),
    closed_at: null,
    cancelled_at: cancelled ? iso(cancelled) : null,
    cancel_reason: cancelled ? "customer" : null,
    currency: CURRENCY,
    presentment_currency: CURRENCY,
    total_price: money(total),
    total_price_set: moneySet(total),
    subtotal_price: money(total),
    subtotal_price_set: moneySet(total),
    current_total_price: money(total - refundedCents),
    total_tax: money(Math.round(total / 5)),
    total_discounts: "0.00",
    taxes_included: true,
    financial_status: financialStatus,
    fulfillment_status: "fulfilled",
    confirmed: true,
    test: false,
    buyer_accepts_marketing: customer.acceptsMarketing,
    source_name: "web",
    tags: "",
    note: null,
    browser_ip: null,
    landing_site: "/",
    customer: customerPayload(customer, order.placedAt),
    billing_address: addressPayload(customer),
    shipping_address: addressPayload(customer),
    shipping_lines: [
      {
        id: Number(order.shopifyId) + 3,
        title: "PostNord MyPack",
        code: "postnord-mypack",
        price: "0.00",
        source: "shopify",
      },
    ],
    line_items: order.lines.map((line) => lineItemPayload(line, true)),
    fulfillments: [fulfillmentPayload(order)],
    refunds: refunds.map((refund) => ({ ...refundPayloadBody(order, refund), order_id: Number(order.shopifyId) })),
  };
}

export function refundPayload(order: DemoOrder, refund: DemoRefund) {
  return { ...refundPayloadBody(order, refund), order_id: Number(order.shopifyId) };
}

/** The carrier's "delivered" scan, as fulfillment_events/create carries it. */
export function deliveredEventPayload(order: DemoOrder, deliveredAt: Date = order.deliveredAt ?? new Date()) {
  const a = order.customer.address;
  return {
    id: Number(order.deliveryEventId),
    admin_graphql_api_id: `gid://shopify/FulfillmentEvent/${order.deliveryEventId}`,
    fulfillment_id: Number(order.fulfillmentId),
    order_id: Number(order.shopifyId),
    shop_id: SHOP_ID,
    status: "delivered",
    message: "Delivered to the recipient",
    happened_at: iso(deliveredAt),
    created_at: iso(deliveredAt),
    updated_at: iso(deliveredAt),
    estimated_delivery_at: null,
    city: a.city,
    province: a.province,
    zip: a.zip,
    country: a.country,
    address1: null,
    latitude: null,
    longitude: null,
  };
}
