// Validates Kubernetes core documents against the published Kubernetes schemas of the npm package
// kubernetes-models (generated from Kubernetes' OpenAPI document, compiled for ajv).
//   node validate-core.mjs DOCUMENTS.json
// DOCUMENTS.json holds an array of documents; prints a JSON array with, for each, what is wrong
// (empty when it conforms). A kind the package has no model for is a problem too.
import { readFileSync } from "node:fs";

const documents = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const doc of documents) {
  const where = `${doc.apiVersion}/${doc.kind}`;
  let model;
  try {
    model = (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== "function") {
    results.push([`no Kubernetes schema for ${where}`]);
    continue;
  }
  try {
    new model(doc).validate();
    results.push([]);
  } catch (e) {
    // ajv's errors, worded in English by the package while it threw
    results.push(e.errors ? e.errors.map((err) => `${err.instancePath || "/"} ${err.message}`) : [String(e.message)]);
  }
}
console.log(JSON.stringify(results));
