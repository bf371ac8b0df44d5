import { demoScenePhoto } from "../app/modules/demo/media-step.server";
import { SeededRandom } from "../app/modules/demo/random";
import { DEMO_PRODUCTS } from "../app/modules/demo/catalog";
import { writeFileSync } from "node:fs";
const rng = new SeededRandom(3);
writeFileSync("/tmp/demo1.jpg", await demoScenePhoto(DEMO_PRODUCTS[2], rng, { gps: true, sideways: false }));
writeFileSync("/tmp/demo2.jpg", await demoScenePhoto(DEMO_PRODUCTS[3], rng, { gps: true, sideways: true }));
