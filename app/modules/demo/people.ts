// Who shops at the demo store: names, languages and addresses in Sweden, its neighbours, Germany, the UK
// and the US. Everyone lives at a believable address; every email address is on a reserved example domain.
import type { SeededRandom } from "./random";

export type DemoLocale = "sv" | "en" | "de" | "nb";

interface City {
  city: string;
  province?: string;
  provinceCode?: string;
  streets: string[];
  /** Postal code maker: "### ##" digits get filled in. */
  zip: string;
}

interface Country {
  code: "SE" | "NO" | "DE" | "GB" | "US";
  name: string;
  weight: number;
  locales: readonly (readonly [DemoLocale, number])[];
  firstNames: string[];
  lastNames: string[];
  cities: City[];
  phonePrefix: string;
  /** "street number" or "number street" */
  numberFirst: boolean;
}

const COUNTRIES: Country[] = [
  {
    code: "SE",
    name: "Sweden",
    weight: 62,
    locales: [
      ["sv", 88],
      ["en", 12],
    ],
    firstNames: [
      "Anna",
      "Erik",
      "Lars",
      "Karin",
      "Maja",
      "Oskar",
      "Elsa",
      "Linnea",
      "Johan",
      "Ingrid",
      "Åsa",
      "Björn",
      "Sofia",
      "Emil",
      "Astrid",
      "Nils",
      "Frida",
      "Gustav",
      "Ebba",
      "Henrik",
      "Sara",
      "Viktor",
      "Märta",
      "Albin",
      "Saga",
      "Jörgen",
      "Klara",
      "Olle",
    ],
    lastNames: [
      "Andersson",
      "Johansson",
      "Karlsson",
      "Nilsson",
      "Eriksson",
      "Larsson",
      "Olsson",
      "Persson",
      "Svensson",
      "Gustafsson",
      "Lindström",
      "Bergqvist",
      "Sjöberg",
      "Åkesson",
      "Holmgren",
      "Lundqvist",
      "Ekström",
      "Nyberg",
      "Öberg",
      "Hedlund",
      "Forsberg",
      "Wallin",
    ],
    cities: [
      {
        city: "Stockholm",
        streets: ["Götgatan", "Hornsgatan", "Sveavägen", "Odengatan", "Folkungagatan", "Sankt Eriksgatan"],
        zip: "11# ##",
      },
      {
        city: "Göteborg",
        streets: ["Linnégatan", "Vasagatan", "Övre Husargatan", "Kungsportsavenyen", "Andra Långgatan"],
        zip: "41# ##",
      },
      {
        city: "Malmö",
        streets: ["Södra Förstadsgatan", "Davidshallsgatan", "Regementsgatan", "Amiralsgatan"],
        zip: "21# ##",
      },
      {
        city: "Uppsala",
        streets: ["Svartbäcksgatan", "Kungsgatan", "Sysslomansgatan", "Luthagsesplanaden"],
        zip: "75# ##",
      },
      { city: "Umeå", streets: ["Storgatan", "Rådhusesplanaden", "Östra Kyrkogatan", "Skolgatan"], zip: "90# ##" },
      { city: "Lund", streets: ["Stora Södergatan", "Bantorget", "Clemenstorget"], zip: "22# ##" },
      { city: "Linköping", streets: ["Ågatan", "Drottninggatan", "Hamngatan"], zip: "58# ##" },
      { city: "Örebro", streets: ["Drottninggatan", "Storgatan", "Järntorgsgatan"], zip: "70# ##" },
      { city: "Västerås", streets: ["Vasagatan", "Stora Gatan", "Kopparbergsvägen"], zip: "72# ##" },
      { city: "Kiruna", streets: ["Föreningsgatan", "Hjalmar Lundbohmsvägen"], zip: "981 ##" },
    ],
    phonePrefix: "+46 70",
    numberFirst: false,
  },
  {
    code: "NO",
    name: "Norway",
    weight: 10,
    locales: [
      ["nb", 85],
      ["en", 15],
    ],
    firstNames: [
      "Ola",
      "Kari",
      "Ingrid",
      "Sindre",
      "Marte",
      "Håkon",
      "Sigrid",
      "Eirik",
      "Ragnhild",
      "Jonas",
      "Nora",
      "Øystein",
      "Solveig",
      "Magnus",
    ],
    lastNames: [
      "Hansen",
      "Johansen",
      "Olsen",
      "Larsen",
      "Andersen",
      "Berg",
      "Haugen",
      "Dahl",
      "Solberg",
      "Bakken",
      "Løken",
      "Strøm",
    ],
    cities: [
      { city: "Oslo", streets: ["Thorvald Meyers gate", "Markveien", "Bogstadveien", "Grønlandsleiret"], zip: "0### " },
      { city: "Bergen", streets: ["Nygårdsgaten", "Kong Oscars gate", "Strandgaten"], zip: "50##" },
      { city: "Trondheim", streets: ["Olav Tryggvasons gate", "Innherredsveien", "Prinsens gate"], zip: "70##" },
      { city: "Tromsø", streets: ["Storgata", "Grønnegata"], zip: "90##" },
    ],
    phonePrefix: "+47 9",
    numberFirst: false,
  },
  {
    code: "DE",
    name: "Germany",
    weight: 12,
    locales: [
      ["de", 90],
      ["en", 10],
    ],
    firstNames: [
      "Lukas",
      "Anna",
      "Felix",
      "Lea",
      "Jonas",
      "Marie",
      "Paul",
      "Sophie",
      "Jürgen",
      "Katrin",
      "Maximilian",
      "Hannah",
      "Till",
      "Charlotte",
    ],
    lastNames: [
      "Müller",
      "Schmidt",
      "Schneider",
      "Fischer",
      "Weber",
      "Meyer",
      "Wagner",
      "Becker",
      "Hoffmann",
      "Schäfer",
      "Koch",
      "Richter",
    ],
    cities: [
      {
        city: "Berlin",
        streets: ["Kastanienallee", "Oranienstraße", "Bergmannstraße", "Schönhauser Allee"],
        zip: "10###",
      },
      { city: "Hamburg", streets: ["Schanzenstraße", "Ottenser Hauptstraße", "Lange Reihe"], zip: "20###" },
      { city: "München", streets: ["Leopoldstraße", "Gärtnerplatz", "Sendlinger Straße"], zip: "80###" },
      { city: "Köln", streets: ["Aachener Straße", "Venloer Straße", "Severinstraße"], zip: "50###" },
    ],
    phonePrefix: "+49 151",
    numberFirst: false,
  },
  {
    code: "GB",
    name: "United Kingdom",
    weight: 8,
    locales: [["en", 100]],
    firstNames: [
      "Oliver",
      "Amelia",
      "Harry",
      "Isla",
      "George",
      "Emily",
      "Jack",
      "Olivia",
      "Charlotte",
      "Thomas",
      "Freya",
      "Alfie",
    ],
    lastNames: [
      "Smith",
      "Jones",
      "Taylor",
      "Brown",
      "Williams",
      "Wilson",
      "Evans",
      "Davies",
      "Roberts",
      "Walker",
      "Wright",
      "O'Brien",
    ],
    cities: [
      { city: "London", streets: ["Columbia Road", "Upper Street", "Brick Lane", "Portobello Road"], zip: "E2 #LT" },
      { city: "Manchester", streets: ["Oldham Street", "Deansgate", "Thomas Street"], zip: "M4 #AE" },
      { city: "Edinburgh", streets: ["Leith Walk", "Broughton Street", "Grassmarket"], zip: "EH6 #BB" },
      { city: "Bristol", streets: ["Gloucester Road", "Park Street", "North Street"], zip: "BS7 #AA" },
    ],
    phonePrefix: "+44 7700 9",
    numberFirst: true,
  },
  {
    code: "US",
    name: "United States",
    weight: 8,
    locales: [["en", 100]],
    firstNames: ["James", "Olivia", "Ethan", "Ava", "Noah", "Mia", "Liam", "Harper", "Ben", "Chloe", "Grace", "Daniel"],
    lastNames: [
      "Johnson",
      "Miller",
      "Garcia",
      "Rodriguez",
      "Martinez",
      "Anderson",
      "Thompson",
      "White",
      "Harris",
      "Clark",
      "Nguyen",
      "Peterson",
    ],
    cities: [
      {
        city: "Brooklyn",
        province: "New York",
        provinceCode: "NY",
        streets: ["Bedford Avenue", "Court Street", "Atlantic Avenue"],
        zip: "112##",
      },
      {
        city: "Portland",
        province: "Oregon",
        provinceCode: "OR",
        streets: ["Alberta Street", "Hawthorne Boulevard", "Mississippi Avenue"],
        zip: "972##",
      },
      {
        city: "Austin",
        province: "Texas",
        provinceCode: "TX",
        streets: ["South Congress Avenue", "East 6th Street", "Guadalupe Street"],
        zip: "787##",
      },
      {
        city: "Minneapolis",
        province: "Minnesota",
        provinceCode: "MN",
        streets: ["Nicollet Avenue", "Lyndale Avenue South", "Hennepin Avenue"],
        zip: "554##",
      },
    ],
    phonePrefix: "+1 555 01",
    numberFirst: true,
  },
];

export interface DemoAddress {
  address1: string;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  country: string;
  countryCode: string;
}

export interface DemoCustomer {
  shopifyId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  locale: DemoLocale;
  acceptsMarketing: boolean;
  address: DemoAddress;
  createdAt: Date;
}

const CUSTOMER_ID_BASE = 7_340_000_000_000;
const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];

/** ASCII for the local part of an email address: "Åsa Öberg" -> "asa.oberg". */
function emailLocalPart(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .replace(/ß/g, "ss")
      .replace(/[Øø]/g, "o")
      .replace(/[Ææ]/g, "ae")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
  return `${ascii(first)}.${ascii(last)}`;
}

function fillDigits(pattern: string, random: SeededRandom): string {
  return pattern.replace(/#/g, () => String(random.int(0, 9))).trim();
}

export function generateCustomers(
  random: SeededRandom,
  count: number,
  createdBetween: { from: Date; to: Date },
): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  const span = createdBetween.to.getTime() - createdBetween.from.getTime();
  for (let i = 0; i < count; i++) {
    const country = random.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    const firstName = random.pick(country.firstNames);
    const lastName = random.pick(country.lastNames);
    const city = random.pick(country.cities);
    const street = random.pick(city.streets);
    const number = random.int(1, 120);
    customers.push({
      shopifyId: String(CUSTOMER_ID_BASE + (i + 1) * 3_331),
      firstName,
      lastName,
      // The running number keeps addresses unique when two customers share a name.
      email: `${emailLocalPart(firstName, lastName)}${i + 1}@${EMAIL_DOMAINS[i % EMAIL_DOMAINS.length]}`,
      phone: `${country.phonePrefix}${fillDigits(" ### ## ##", random)}`.replace(/\s+/g, " "),
      locale: random.weighted(country.locales),
      acceptsMarketing: random.chance(0.45),
      address: {
        address1: country.numberFirst ? `${number} ${street}` : `${street} ${number}`,
        city: city.city,
        province: city.province ?? null,
        provinceCode: city.provinceCode ?? null,
        zip: fillDigits(city.zip, random),
        country: country.name,
        countryCode: country.code,
      },
      createdAt: new Date(createdBetween.from.getTime() + Math.floor(random.next() * span)),
    });
  }
  return customers;
}
