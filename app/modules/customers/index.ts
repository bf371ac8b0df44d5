// Customers: what every module agrees on about a customer's identity. Today, how an email address is compared.
export { normaliseEmail } from "./email-address";
