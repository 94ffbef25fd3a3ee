// Runs the call sequence of flow.ts against a controller:
//
//   node build/main.js <base URL> <model file (.npz)>
//
// prints what it did as one JSON object, and exits non-zero on the first failed call.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

import { controller, model, modelsOfSession, trainFrom, uploadModel } from "./flow.js";

const [baseUrl, modelFile] = process.argv.slice(2);
if (baseUrl === undefined || modelFile === undefined) {
  throw new Error("usage: node build/main.js <base URL> <model file>");
}

const api = controller(baseUrl, process.env["SCALEOUT_ACCESS_TOKEN"]);
const bytes = new Uint8Array(readFileSync(modelFile));
// Three chunks, so even a small seed model goes through more than one.
const chunkSize = Math.max(1, Math.ceil(bytes.byteLength / 3));
const seedId = await uploadModel(api, bytes, basename(modelFile), "numpyhelper", chunkSize);
const seed = await model(api, seedId);
const session = await trainFrom(api, seed.model_id, "typescript-flow", 1);
const page = await modelsOfSession(api, session.session_id, { size: 10, skip: 0 });

console.log(
  JSON.stringify({
    seed_model_id: seed.model_id,
    chunks: Math.ceil(bytes.byteLength / chunkSize),
    session_id: session.session_id,
    session_status: session.status,
    models_in_session: page.count,
  }),
);
