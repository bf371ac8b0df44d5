import sharp from "sharp";
const W = 4032, H = 3024;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="a" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#dfe9f3"/><stop offset="1" stop-color="#8aa1b4"/></linearGradient><radialGradient id="b"><stop offset="0" stop-color="#f5d7a1"/><stop offset="1" stop-color="#7b4b2a"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#a)"/><rect y="${H*0.55}" width="100%" height="${H*0.45}" fill="#6b5240"/><circle cx="${W*0.5}" cy="${H*0.5}" r="${H*0.3}" fill="url(#b)"/><rect x="${W*0.1}" y="${H*0.15}" width="${W*0.2}" height="${H*0.5}" rx="60" fill="#2f4f4f" fill-opacity="0.8"/><path d="M${W*0.65} ${H*0.8} L${W*0.9} ${H*0.2} L${W*0.95} ${H*0.85} Z" fill="#b23a48"/></svg>`;
await sharp(Buffer.from(svg)).png().toFile("/tmp/scene12.png");
console.log("ok");
